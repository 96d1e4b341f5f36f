package org.vertreg.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SliceStackAssemblerTest {

    private static final int ROWS = 6, COLUMNS = 8;
    private static final double ROW_SPACING = 0.7, COLUMN_SPACING = 0.5;
    private static final double[] AXIAL = {1, 0, 0, 0, 1, 0};
    private final SliceStackAssembler assembler = new SliceStackAssembler();

    /** HU as a linear function of the LPS position, so every voxel's value tells where it is. */
    private static float field(double[] p) {
        return (float) (2 * p[0] - 3 * p[1] + 5 * p[2]);
    }

    private static CtSlice slice(int instance, double[] position, double[] orientation, int rows, int columns) {
        float[] hu = new float[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double[] p = new double[3];
                for (int a = 0; a < 3; a++) {
                    p[a] = position[a] + c * COLUMN_SPACING * orientation[a] + r * ROW_SPACING * orientation[3 + a];
                }
                hu[r * columns + c] = field(p);
            }
        }
        return new CtSlice("1.2.3." + instance, instance, 1, rows, columns, position, orientation,
                new double[] {ROW_SPACING, COLUMN_SPACING}, 2.0, hu);
    }

    private static CtSlice slice(int instance, double[] position, double[] orientation) {
        return slice(instance, position, orientation, ROWS, COLUMNS);
    }

    private static double[] normal(double[] o) {
        return new double[] {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
    }

    private static double[] along(double[] start, double[] direction, double mm) {
        return new double[] {start[0] + mm * direction[0], start[1] + mm * direction[1], start[2] + mm * direction[2]};
    }

    /** {@code count} slices {@code step} mm apart along the normal; instance 1 is at {@code start}. */
    private static List<CtSlice> stack(double[] orientation, double[] start, double step, int count) {
        List<CtSlice> slices = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            slices.add(slice(n + 1, along(start, normal(orientation), n * step), orientation));
        }
        return slices;
    }

    private static List<CtSlice> shuffled(List<CtSlice> slices) {
        List<CtSlice> copy = new ArrayList<>(slices);
        Collections.shuffle(copy, new Random(7));
        return copy;
    }

    private static Volume assembled(AssemblyResult result) {
        return assertInstanceOf(AssemblyResult.Assembled.class, result, () -> result.toString()).volume();
    }

    private static String reason(AssemblyResult result) {
        return assertInstanceOf(AssemblyResult.Unusable.class, result, () -> result.toString()).reason();
    }

    private static void assertValuesMatchPositions(Volume volume) {
        VolumeGrid g = volume.grid();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    assertEquals(field(g.toPatient(i, j, k)), volume.at(i, j, k), 1e-3, "voxel " + i + "," + j + "," + k);
                }
            }
        }
    }

    @Test
    void shuffledFeetToHeadStackRunsUpTheNormal() {
        Volume volume = assembled(assembler.assemble(shuffled(stack(AXIAL, new double[] {-20, 30, -100}, 2.5, 9))));

        VolumeGrid g = volume.grid();
        assertEquals(List.of(COLUMNS, ROWS, 9), List.of(g.nx(), g.ny(), g.nz()));
        assertArrayEquals(new double[] {COLUMN_SPACING, ROW_SPACING, 2.5}, g.spacing(), 1e-9);
        assertArrayEquals(new double[] {-20, 30, -100}, g.origin(), 1e-9);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, g.direction(), 1e-9);
        assertValuesMatchPositions(volume);
    }

    @Test
    void headToFeetStackRunsDownTheNormalFromInstanceOne() {
        Volume volume = assembled(assembler.assemble(shuffled(stack(AXIAL, new double[] {-20, 30, 100}, -3, 7))));

        VolumeGrid g = volume.grid();
        assertArrayEquals(new double[] {-20, 30, 100}, g.origin(), 1e-9);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, -1}, g.direction(), 1e-9);
        assertEquals(3.0, g.spacing()[2], 1e-9);
        assertValuesMatchPositions(volume);
    }

    @Test
    void obliqueStackKeepsItsOrientation() {
        double a = Math.toRadians(20), b = Math.toRadians(30);
        // Rows and columns of Rz(20°)·Rx(30°): an oblique but orthonormal plane.
        double[] oblique = {Math.cos(a), Math.sin(a), 0, -Math.sin(a) * Math.cos(b), Math.cos(a) * Math.cos(b),
                Math.sin(b)};
        List<CtSlice> slices = stack(oblique, new double[] {5, -7, 40}, -1.25, 6);

        Volume volume = assembled(assembler.assemble(shuffled(slices)));

        VolumeGrid g = volume.grid();
        double[] n = normal(oblique);
        double[] d = g.direction();
        assertArrayEquals(new double[] {oblique[0], oblique[1], oblique[2]}, new double[] {d[0], d[3], d[6]}, 1e-9);
        assertArrayEquals(new double[] {oblique[3], oblique[4], oblique[5]}, new double[] {d[1], d[4], d[7]}, 1e-9);
        assertArrayEquals(new double[] {-n[0], -n[1], -n[2]}, new double[] {d[2], d[5], d[8]}, 1e-9);
        assertArrayEquals(new double[] {5, -7, 40}, g.origin(), 1e-9);
        assertEquals(1.25, g.spacing()[2], 1e-9);
        assertValuesMatchPositions(volume);
    }

    @Test
    void spacingJitterWithinToleranceIsAveraged() {
        List<CtSlice> slices = new ArrayList<>();
        double[] z = {0, 2.02, 3.98, 6.01, 8.0};
        for (int n = 0; n < z.length; n++) {
            slices.add(slice(n + 1, new double[] {0, 0, z[n]}, AXIAL));
        }
        assertEquals(2.0, assembled(assembler.assemble(slices)).grid().spacing()[2], 1e-9);

        AssemblyTolerances strict = new AssemblyTolerances(1e-3, 1e-4, 0.005, 0, 1.5, 0.1);
        assertTrue(reason(new SliceStackAssembler(strict).assemble(slices)).startsWith("uneven slice spacing"));
    }

    @Test
    void missingSliceIsNamed() {
        List<CtSlice> slices = stack(AXIAL, new double[] {0, 0, 0}, 2.5, 8);
        slices.remove(4); // instance 5 at z = 10

        String reason = reason(assembler.assemble(shuffled(slices)));

        assertTrue(reason.startsWith("missing slice(s): gap of 5.000 mm between instance 4"), reason);
        assertTrue(reason.contains("instance 6 at (0.000, 0.000, 12.50)"), reason);
        assertTrue(reason.contains("stack positions 3 and 4"), reason);
    }

    @Test
    void unevenSpacingIsRejected() {
        List<CtSlice> slices = stack(AXIAL, new double[] {0, 0, 0}, 2.5, 6);
        slices.set(2, slice(3, new double[] {0, 0, 5.3}, AXIAL));

        String reason = reason(assembler.assemble(slices));

        assertTrue(reason.startsWith("uneven slice spacing: gap of 2.800 mm between instance 2"), reason);
    }

    @Test
    void duplicatePositionIsRejected() {
        List<CtSlice> slices = stack(AXIAL, new double[] {0, 0, 0}, 2.5, 5);
        slices.add(slice(9, new double[] {0, 0, 5.0}, AXIAL));

        String reason = reason(assembler.assemble(slices));

        assertTrue(reason.startsWith("duplicate position: "), reason);
        assertTrue(reason.contains("instance 3") && reason.contains("instance 9"), reason);
    }

    @Test
    void mixedOrientationIsRejected() {
        List<CtSlice> slices = stack(AXIAL, new double[] {0, 0, 0}, 2.5, 5);
        double t = 0.01;
        slices.set(3, slice(4, new double[] {0, 0, 7.5}, new double[] {Math.cos(t), Math.sin(t), 0, -Math.sin(t),
                Math.cos(t), 0}));

        String reason = reason(assembler.assemble(slices));

        assertTrue(reason.startsWith("image orientation differs: instance 4"), reason);
    }

    @Test
    void orientationToleranceIsConfigurable() {
        List<CtSlice> slices = stack(AXIAL, new double[] {0, 0, 0}, 2.5, 3);
        double t = 5e-4;
        slices.set(1, slice(2, new double[] {0, 0, 2.5}, new double[] {Math.cos(t), Math.sin(t), 0, -Math.sin(t),
                Math.cos(t), 0}));

        assembled(assembler.assemble(slices));
        assertTrue(reason(new SliceStackAssembler(AssemblyTolerances.of(0.05, 1e-4, 1.5)).assemble(slices))
                .startsWith("image orientation differs"));
    }

    @Test
    void mismatchedImageSizeIsRejected() {
        List<CtSlice> slices = stack(AXIAL, new double[] {0, 0, 0}, 2.5, 4);
        slices.set(2, slice(3, new double[] {0, 0, 5}, AXIAL, ROWS, COLUMNS + 1));

        String reason = reason(assembler.assemble(slices));

        assertEquals("image size differs: instance 3 has 6 rows x 9 columns, instance 1 has 6 x 8", reason);
    }

    @Test
    void mismatchedPixelSpacingIsRejected() {
        List<CtSlice> slices = stack(AXIAL, new double[] {0, 0, 0}, 2.5, 4);
        CtSlice s = slices.get(1);
        slices.set(1, new CtSlice(s.sopInstanceUid(), 2, 1, ROWS, COLUMNS, s.imagePosition(), AXIAL,
                new double[] {ROW_SPACING, 0.51}, null, s.hu()));

        assertTrue(reason(assembler.assemble(slices)).startsWith("pixel spacing differs: instance 2"));
    }

    @Test
    void tiltedStackIsRejected() {
        List<CtSlice> slices = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            // Gantry tilt: each slice moves 0.5 mm along y per 2.5 mm along z.
            slices.add(slice(n + 1, new double[] {0, 0.5 * n, 2.5 * n}, AXIAL));
        }

        String reason = reason(assembler.assemble(slices));

        assertTrue(reason.startsWith("slices are not stacked along their normal"), reason);
        assertTrue(reason.contains("instance 2") && reason.contains("offset 0.500 mm"), reason);
    }

    @Test
    void nonOrthonormalOrientationIsRejected() {
        double[] skewed = {1, 0, 0, 0.1, 1, 0};
        List<CtSlice> slices = List.of(slice(1, new double[] {0, 0, 0}, skewed), slice(2, new double[] {0, 0, 1}, skewed));

        assertTrue(reason(assembler.assemble(slices)).contains("is not a pair of orthogonal unit vectors"));
    }

    @Test
    void fewerThanTwoSlicesAreUnusable() {
        assertEquals("a volume needs at least 2 slices, got 0", reason(assembler.assemble(List.of())));
        assertEquals("a volume needs at least 2 slices, got 1",
                reason(assembler.assemble(List.of(slice(1, new double[] {0, 0, 0}, AXIAL)))));
    }

    @Test
    void framesOfOneImageStackInFrameOrder() {
        List<CtSlice> frames = new ArrayList<>();
        for (int f = 1; f <= 4; f++) {
            CtSlice s = slice(1, new double[] {0, 0, -2.0 * f}, AXIAL);
            frames.add(new CtSlice("1.2.3", 7, f, ROWS, COLUMNS, s.imagePosition(), AXIAL, s.pixelSpacing(), null,
                    s.hu()));
        }

        Volume volume = assembled(assembler.assemble(shuffled(frames)));

        assertArrayEquals(new double[] {0, 0, -2}, volume.grid().origin(), 1e-9);
        assertEquals(-1.0, volume.grid().direction()[8], 1e-9);
        assertValuesMatchPositions(volume);
    }
}
