package org.vertreg.drr.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.vertreg.drr.AttenuationVolume;
import org.vertreg.drr.DrrImageMapping;
import org.vertreg.drr.DrrRenderer;
import org.vertreg.drr.LowDoseSimulator;
import org.vertreg.geometry.Pose;

/**
 * A contact sheet of the L3 vertebra alone: a 3×3 grid of poses (the identity first, then 8 uniform in ±18° and
 * ±10 mm drawn from seed {@value #SEED}), each 128×128 DRR (8-bit grey as the network sees it) beside its low-dose
 * version (seeded from the same stream), every image scaled 2× (nearest neighbour), mid-grey gutters between them.
 * <pre>java -cp ... org.vertreg.drr.bench.DrrSheet bench/drr-sheet.png</pre>
 */
public final class DrrSheet {
    static final long SEED = 7;
    static final int SIZE = 128, SCALE = 2, GUTTER = 4;

    private DrrSheet() {}

    public static void main(String[] args) throws IOException {
        Path outFile = Path.of(args.length > 0 ? args[0] : "bench/drr-sheet.png");
        DrrBenchData data = DrrBenchData.load();
        AttenuationVolume mu = DrrBenchData.mu(data.vertebraAlone);
        DrrRenderer renderer = new DrrRenderer();
        SplittableRandom random = new SplittableRandom(SEED);
        // a pair is DRR | gutter | low-dose; pairs are 3 gutters apart, with one gutter round the edge
        int cell = SIZE * SCALE, width = 6 * cell + 9 * GUTTER,
                height = 3 * cell + 4 * GUTTER;
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        fill(sheet, 128);
        for (int p = 0; p < 9; p++) {
            Pose pose = p == 0 ? Pose.identity() : new Pose(random.nextDouble(-18, 18), random.nextDouble(-18, 18),
                    random.nextDouble(-18, 18), random.nextDouble(-10, 10), random.nextDouble(-10, 10), random.nextDouble(-10, 10));
            long lowDoseSeed = random.nextLong();
            float[] grey = DrrImageMapping.toGrey(renderer.render(mu, data.view(SIZE, pose)));
            float[] low = LowDoseSimulator.simulate(grey, SIZE, SIZE, lowDoseSeed);
            int row = p / 3, col = p % 3;
            int x0 = GUTTER + col * (2 * cell + 3 * GUTTER), y0 = GUTTER + row * (cell + GUTTER);
            blit(sheet, grey, x0, y0);
            blit(sheet, low, x0 + cell + GUTTER, y0);
            System.out.printf(java.util.Locale.ROOT, "pose %d: %.1f %.1f %.1f deg, %.1f %.1f %.1f mm%n", p, pose.rx(), pose.ry(),
                    pose.rz(), pose.tx(), pose.ty(), pose.tz());
        }
        if (!ImageIO.write(sheet, "png", outFile.toFile())) {
            throw new IOException("no PNG writer");
        }
        System.out.println("wrote " + outFile);
    }

    private static void fill(BufferedImage image, int value) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.getRaster().setSample(x, y, 0, value);
            }
        }
    }

    private static void blit(BufferedImage sheet, float[] grey, int x0, int y0) {
        for (int r = 0; r < SIZE * SCALE; r++) {
            for (int c = 0; c < SIZE * SCALE; c++) {
                int v = Math.max(0, Math.min(255, Math.round(grey[(r / SCALE) * SIZE + c / SCALE])));
                sheet.getRaster().setSample(x0 + c, y0 + r, 0, v);
            }
        }
    }
}
