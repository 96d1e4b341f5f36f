package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vertreg.imaging.AssemblyResult;
import org.vertreg.imaging.CtSlice;
import org.vertreg.imaging.SliceStackAssembler;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

/** The shared real series read file by file and assembled into volumes. */
class CtSliceReaderSeriesTest {

    private static List<CtSlice> readShuffled(List<File> files) throws Exception {
        List<CtSlice> slices = new ArrayList<>();
        for (File f : files) {
            slices.addAll(CtSliceReader.read(f));
        }
        Collections.shuffle(slices, new Random(11));
        return slices;
    }

    private static Volume assemble(List<CtSlice> slices) {
        AssemblyResult result = new SliceStackAssembler().assemble(slices);
        return assertInstanceOf(AssemblyResult.Assembled.class, result, result::toString).volume();
    }

    private static float[] range(float[] values) {
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new float[] {min, max};
    }

    /** Instance 1 lies at the head in both series, so the stack runs feet-ward: k is the negative normal (-z). */
    private static void assertStackStartsAtLowestInstance(Volume volume, List<CtSlice> slices) {
        CtSlice first = slices.stream().min(Comparator.comparing(CtSlice::instanceNumber)).orElseThrow();
        CtSlice last = slices.stream().max(Comparator.comparing(CtSlice::instanceNumber)).orElseThrow();
        VolumeGrid g = volume.grid();
        assertArrayEquals(first.imagePosition(), g.origin(), 1e-9);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, -1}, g.direction(), 1e-9);
        assertArrayEquals(first.hu(), slab(volume, 0));
        assertArrayEquals(last.hu(), slab(volume, g.nz() - 1));
    }

    private static float[] slab(Volume volume, int k) {
        int plane = volume.grid().nx() * volume.grid().ny();
        return java.util.Arrays.copyOfRange(volume.hu(), k * plane, (k + 1) * plane);
    }

    @Test
    void cptacChestSeriesAssemblesTo512x512x99() throws Exception {
        List<File> files = CptacData.chestSeries();
        assertEquals(99, files.size());
        List<CtSlice> slices = readShuffled(files);

        CtSlice any = slices.get(0);
        assertEquals(3.0, any.sliceThickness());
        assertArrayEquals(new double[] {0.564453125, 0.564453125}, any.pixelSpacing());

        Volume volume = assemble(slices);
        VolumeGrid g = volume.grid();
        assertEquals(List.of(512, 512, 99), List.of(g.nx(), g.ny(), g.nz()));
        assertArrayEquals(new double[] {0.564453125, 0.564453125, 3.0}, g.spacing(), 1e-9);
        float[] range = range(volume.hu());
        assertEquals(-1024, range[0]);
        assertEquals(3071, range[1]);
        assertStackStartsAtLowestInstance(volume, slices);
    }

    @Test
    void jpeg2000SeriesDecodesAndAssemblesTo512x512x20() throws Exception {
        List<File> files = CptacData.jpeg2000Series();
        assertEquals(20, files.size());
        for (File f : files) {
            assertTrue(CtSliceReader.undecodableReason(f).isEmpty(), f.getName());
        }
        List<CtSlice> slices = readShuffled(files);

        Volume volume = assemble(slices);
        VolumeGrid g = volume.grid();
        assertEquals(List.of(512, 512, 20), List.of(g.nx(), g.ny(), g.nz()));
        assertArrayEquals(new double[] {0.9765625, 0.9765625, 2.0}, g.spacing(), 1e-9);
        // Values decoded independently with GDCM (PROVENANCE.md).
        float[] range = range(volume.hu());
        assertEquals(-1024, range[0]);
        assertEquals(1839, range[1]);
        assertStackStartsAtLowestInstance(volume, slices);
    }
}
