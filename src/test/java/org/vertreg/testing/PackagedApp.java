package org.vertreg.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged application (target/quarkus-app, or the jar named by {@code -Dvertreg.app.jar}) started as a separate
 * process, offline as every run of the node must be: {@code -Dai.djl.offline=true} and {@code OPT_OUT_TRACKING=true}.
 * Output and errors go to one log file.
 */
public final class PackagedApp {

    private PackagedApp() {
    }

    /** The node itself, {@code java -jar quarkus-run.jar}. */
    public static Process startNode(Map<String, String> environment, Path log) throws IOException {
        return start(List.of("-jar", jar().toString()), environment, log);
    }

    /** One of the command-line tools ({@code train}, {@code drr}, ...) on the application's class path, as bin/vertreg runs it. */
    public static Process startCommand(String command, List<String> arguments, Path log) throws IOException {
        Path app = jar().getParent();
        List<String> javaArguments = new ArrayList<>(List.of("-cp",
                app.resolve("app/*") + ":" + app.resolve("lib/main/*") + ":" + app.resolve("lib/boot/*"), "org.vertreg.cli.Main", command));
        javaArguments.addAll(arguments);
        return start(javaArguments, Map.of(), log);
    }

    private static Process start(List<String> javaArguments, Map<String, String> environment, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true"));
        command.addAll(javaArguments);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().putAll(environment);
        return pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static Path jar() {
        return Path.of(System.getProperty("vertreg.app.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    }
}
