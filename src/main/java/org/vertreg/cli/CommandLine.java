package org.vertreg.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vertreg.training.TrainingDivergedException;

/** What every command does around its work: parse, print usage on a usage error, exit 0 or 2 with a clear message. */
final class CommandLine {

    interface Parser {
        /** The options by name; {@code --help} alone when help was asked for; IllegalArgumentException on a usage error. */
        Map<String, String> parse(String[] args);
    }

    interface Action {
        void run(Map<String, String> options, PrintStream out) throws IOException;
    }

    /** A command: its name for messages, its usage text, how it reads its arguments and what it does with them. */
    record Command(String name, String usage, Parser parser, Action action) {

        /** Runs the command; 0 on success, 2 on any error (said on {@code err}). */
        int run(String[] args, PrintStream out, PrintStream err) {
            return CommandLine.run(name, usage, args, out, err, parser, action);
        }

    }

    private CommandLine() {}

    private static int run(String name, String usage, String[] args, PrintStream out, PrintStream err, Parser parser, Action action) {
        Map<String, String> options;
        try {
            options = parser.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            err.print(usage);
            return 2;
        }
        if (options.containsKey("--help")) {
            out.print(usage);
            return 0;
        }
        try {
            action.run(options, out);
            return 0;
        } catch (NoSuchFileException e) {
            err.println(name + ": no such file: " + e.getFile());
            return 2;
        } catch (TrainingDivergedException e) {
            err.println(name + ": stopped: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            err.println(name + ": " + e.getMessage());
            return 2;
        } catch (IOException | IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            return 2;
        }
    }

    /**
     * Options by name: {@code flags} take no value, {@code withValue} take the next argument; each may appear once.
     * {@code --help} or {@code -h} anywhere gives {@code {"--help": ""}} alone.
     */
    static Map<String, String> options(String[] args, List<String> flags, List<String> withValue) {
        Map<String, String> o = new HashMap<>();
        for (int a = 0; a < args.length; a++) {
            String name = args[a];
            if (name.equals("--help") || name.equals("-h")) {
                return Map.of("--help", "");
            }
            String value;
            if (flags.contains(name)) {
                value = "";
            } else if (withValue.contains(name)) {
                if (a + 1 == args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++a];
            } else {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (o.put(name, value) != null) {
                throw new IllegalArgumentException(name + " given twice");
            }
        }
        return o;
    }

    /** Fails on the first of {@code names} that was not given. */
    static void require(Map<String, String> options, String... names) {
        for (String name : names) {
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException(name + " is required");
            }
        }
    }

    /** A whole number ≥ 1, given for {@code what} (named in the error). */
    static int positive(String text, String what) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a whole number: " + text);
        }
    }

    /** A seed: any whole number. */
    static long seed(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed is not a whole number: " + text);
        }
    }
}
