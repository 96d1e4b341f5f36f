package org.vertreg.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/** What every command does around its work: parse, print usage on a usage error, exit 0 or 2 with a clear message. */
final class CommandLine {

    interface Parser {
        /** The options by name; {@code --help} alone when help was asked for; IllegalArgumentException on a usage error. */
        Map<String, String> parse(String[] args);
    }

    interface Action {
        void run(Map<String, String> options, PrintStream out) throws IOException;
    }

    private CommandLine() {}

    static int run(String name, String usage, String[] args, PrintStream out, PrintStream err, Parser parser, Action action) {
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
        } catch (IOException | IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            return 2;
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
