package org.vertreg.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayImageTest {

    @TempDir
    Path dir;

    /** A 32×24 ramp, grey = column·8. */
    private static float[] ramp() {
        float[] grey = new float[32 * 24];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = (i % 32) * 8;
        }
        return grey;
    }

    @Test
    void thePngIsTheEnlargedGreyImageWithTheOutlinesInTheirColours() throws IOException {
        boolean[] coarse = new boolean[32 * 24];
        coarse[20 * 32 + 25] = true; // one pixel of the grey image's own grid: a 4×4 block
        boolean[] fine = new boolean[128 * 96];
        fine[70 * 128 + 90] = true; // one pixel of the enlarged image
        Path file = dir.resolve("sub").resolve("overlay.png");
        OverlayImage.of(ramp(), 32, 24, 4).outline(coarse, 32, 24, Color.YELLOW, "network").outline(fine, 128, 96, Color.GREEN, "refined")
                .legend(List.of("level 20", "quality 0.93")).writePng(file);

        BufferedImage png = ImageIO.read(file.toFile());
        assertEquals(128, png.getWidth());
        assertEquals(96, png.getHeight());
        for (int r = 80; r < 84; r++) {
            for (int c = 100; c < 104; c++) {
                assertEquals(Color.YELLOW.getRGB(), png.getRGB(c, r), "block of the coarse mask at " + c + "," + r);
            }
        }
        assertEquals(Color.GREEN.getRGB(), png.getRGB(90, 70));
        assertEquals(grey(22 * 8), png.getRGB(91, 70), "its neighbour keeps the grey of column 22");
        assertEquals(grey(31 * 8), png.getRGB(127, 95), "enlarged by blocks: the last pixel is the last grey value");
        BufferedImage plain = OverlayImage.of(ramp(), 32, 24, 4).toRgb();
        int changed = 0;
        for (int r = 0; r < 20; r++) {
            for (int c = 0; c < 40; c++) {
                changed += plain.getRGB(c, r) != png.getRGB(c, r) ? 1 : 0;
            }
        }
        assertTrue(changed > 100, "the legend's box and text sit in the top-left corner: " + changed + " pixels changed");
    }

    @Test
    void withoutLegendOrOutlinesTheImageIsTheGreyImage() {
        BufferedImage rgb = OverlayImage.of(ramp(), 32, 24, 2).toRgb();
        assertEquals(64, rgb.getWidth());
        assertEquals(48, rgb.getHeight());
        assertEquals(grey(0), rgb.getRGB(0, 0));
        assertEquals(grey(8), rgb.getRGB(2, 47));
    }

    @Test
    void sizesThatDoNotFitAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> OverlayImage.of(new float[10], 3, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> OverlayImage.of(ramp(), 32, 24, 0));
        OverlayImage image = OverlayImage.of(ramp(), 32, 24, 1);
        assertThrows(IllegalArgumentException.class, () -> image.outline(new boolean[5], 2, 2, Color.RED, "x"));
    }

    private static int grey(int v) {
        return new Color(v, v, v).getRGB();
    }
}
