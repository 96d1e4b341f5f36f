package org.vertreg.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one entry point of the commands: {@code Main COMMAND ARGS...}, exit code 0 on success and 2 on any error. */
public final class Main {
    private static final Map<String, CommandLine.Command> COMMANDS = commands();

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs {@code args[0]} with the rest of {@code args}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine.Command command = args.length == 0 ? null : COMMANDS.get(args[0]);
        if (command == null) {
            err.println((args.length == 0 ? "no command" : "unknown command '" + args[0] + "'") + "; the commands are "
                    + String.join(", ", COMMANDS.keySet()));
            return 2;
        }
        return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }

    private static Map<String, CommandLine.Command> commands() {
        Map<String, CommandLine.Command> all = new LinkedHashMap<>();
        for (CommandLine.Command c : new CommandLine.Command[] {Dicomize.COMMAND, DrrCommand.COMMAND, TrainCommand.COMMAND,
                EvaluateCommand.COMMAND, RegisterCommand.COMMAND, AuditVerifyCommand.COMMAND, AddUserCommand.COMMAND}) {
            all.put(c.name(), c);
        }
        return all;
    }
}
