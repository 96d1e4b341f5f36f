package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Re-encodes DICOM files with the dcmtk command-line tools (dcmconv, dcmcrle, dcmcjpeg, dcmcjpls, dcmdjpeg). */
final class DcmtkCopies {

    private DcmtkCopies() {}

    static File convert(File in, File out, String tool, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tool));
        command.addAll(List.of(options));
        command.add(in.getPath());
        command.add(out.getPath());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("dcmtk tool " + tool + " is not installed (bin/setup installs it): " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
        return out;
    }
}
