package org.vertreg.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a dcmtk command-line peer (echoscu, storescu, ...) and keeps what it said. */
public final class DcmtkTool {
    public record Result(int exitCode, String output) {
        /** dcmtk's tools may exit 0 after a failed store: an error line ("E: ...") counts as failure too. */
        public boolean succeeded() {
            return exitCode == 0 && output.lines().noneMatch(l -> l.startsWith("E:") || l.startsWith("F:"));
        }
    }

    private DcmtkTool() {
    }

    public static Result run(String... command) {
        return run(List.of(command));
    }

    public static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result echo(int port, String callingAe) {
        return run("echoscu", "-aet", callingAe, "-aec", "VERTREG", "127.0.0.1", String.valueOf(port));
    }

    /**
     * storescu over one association. {@code -R} proposes exactly the SOP classes of the files (its default
     * list lacks Segmentation), {@code +sd} scans folders; options such as {@code -xv} (propose JPEG 2000
     * lossless) come first in {@code files}.
     */
    public static Result store(int port, String callingAe, List<String> files) {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", callingAe, "-aec", "VERTREG", "-R", "+sd", "+r"));
        cmd.add("127.0.0.1");
        cmd.add(String.valueOf(port));
        cmd.addAll(files);
        return run(cmd);
    }
}
