package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vertreg.dicom.CtSeriesWriterTest.CLOCK;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

class SegmentationReaderTest {

    static final Path TPTBOX = Path.of("/work/shared/data/ct/tptbox-l3-cutout");

    @TempDir
    Path dir;

    @Test
    void realObliqueMasksSurviveCtAndSegRoundTrip() throws Exception {
        Volume ct = NiftiReader.readVolume(TPTBOX.resolve("sub-ct_label-22_ct.nii.gz"));  // PIR: sagittal slices
        for (String mask : new String[] {"sub-ct_seg-vert_label-22_msk.nii.gz", "sub-ct_seg-subreg_label-22_msk.nii.gz"}) {
            Path out = dir.resolve(mask);
            CtSeriesWriter.WrittenSeries series = new CtSeriesWriter(CLOCK).write(ct, CtSeriesWriter.Options.defaults(), out.resolve("ct"));
            LabelMap labels = NiftiReader.readLabels(TPTBOX.resolve(mask));
            Path seg = out.resolve("seg.dcm");
            new SegmentationWriter(CLOCK).write(labels, series.files(),
                    new SegmentationWriter.Options("TPTBox", "", Map.of(21, "L2", 22, "L3", 23, "L4")), seg);
            assertArrayEquals(labels.labels(), SegmentationReader.read(seg, ct.grid()).labels(), mask);
            CtSeriesWriterTest.assertNoDciodvfyErrors(seg);
        }
    }

    @Test
    void refusesAGridTheFramesDoNotLieOn() throws Exception {
        Volume ct = CtSeriesWriterTest.syntheticVolume(CtSeriesWriterTest.obliqueDirection());
        VolumeGrid g = ct.grid();
        CtSeriesWriter.WrittenSeries series = new CtSeriesWriter(CLOCK).write(ct, CtSeriesWriter.Options.defaults(), dir.resolve("ct"));
        Path seg = dir.resolve("seg.dcm");
        new SegmentationWriter(CLOCK).write(SegmentationWriterTest.syntheticLabels(g), series.files(), SegmentationWriter.Options.defaults(), seg);

        VolumeGrid halfSliceOff = new VolumeGrid(g.nx(), g.ny(), g.nz(), g.spacing(), g.toPatient(0, 0, 0.5), g.direction());
        IOException off = assertThrows(IOException.class, () -> SegmentationReader.read(seg, halfSliceOff));
        assertTrue(off.getMessage().contains("lies on no slice"), off.getMessage());
        VolumeGrid axial = new VolumeGrid(g.nx(), g.ny(), g.nz(), g.spacing(), g.origin(), new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        IOException tilted = assertThrows(IOException.class, () -> SegmentationReader.read(seg, axial));
        assertTrue(tilted.getMessage().contains("not parallel"), tilted.getMessage());
        VolumeGrid wider = new VolumeGrid(g.nx() + 1, g.ny(), g.nz(), g.spacing(), g.origin(), g.direction());
        assertThrows(IOException.class, () -> SegmentationReader.read(seg, wider));
        IOException notSeg = assertThrows(IOException.class, () -> SegmentationReader.read(series.files().get(0), g));
        assertTrue(notSeg.getMessage().contains("not a DICOM Segmentation"), notSeg.getMessage());
    }
}
