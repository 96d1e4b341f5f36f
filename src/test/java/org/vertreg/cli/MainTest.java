package org.vertreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one entry point hands each command its own arguments and refuses what is not a command. */
class MainTest {

    @Test
    void anUnknownCommandIsRefusedWithTheListOfCommands() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"reconstruct"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertEquals("unknown command 'reconstruct'; the commands are dicomize, drr, train, evaluate, register, audit-verify, add-user", err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void aCommandGetsTheArgumentsAfterItsName() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"drr", "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: drr "), out.toString(StandardCharsets.UTF_8));
    }
}
