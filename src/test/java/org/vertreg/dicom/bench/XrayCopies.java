package org.vertreg.dicom.bench;

import java.io.IOException;
import java.nio.file.Path;
import org.vertreg.dicom.XrayFixtures;

/**
 * Copies of a DX for the register benchmark: {@code XrayCopies monochrome1|without-geometry IN OUT}, the same image stored
 * inverted as MONOCHROME1, or without its geometry tags.
 */
public final class XrayCopies {
    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[1]), out = Path.of(args[2]);
        switch (args[0]) {
            case "monochrome1" -> XrayFixtures.monochrome1Copy(in, out);
            case "without-geometry" -> XrayFixtures.withoutGeometry(in, out);
            default -> throw new IllegalArgumentException("monochrome1 or without-geometry, got " + args[0]);
        }
        System.out.println("wrote " + out);
    }
}
