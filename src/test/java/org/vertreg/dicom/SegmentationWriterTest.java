package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.vertreg.dicom.CtSeriesWriterTest.CLOCK;
import static org.vertreg.dicom.CtSeriesWriterTest.assertNoDciodvfyErrors;
import static org.vertreg.dicom.CtSeriesWriterTest.read;
import static org.vertreg.dicom.CtSeriesWriterTest.string;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

class SegmentationWriterTest {

    @TempDir
    Path dir;

    /** Label 22 in slices 1–3, label 300 in slice 4 only, label 7 as one voxel in slice 0; slice 5 empty. */
    static LabelMap syntheticLabels(VolumeGrid g) {
        short[] labels = new short[g.voxelCount()];
        for (int k = 1; k <= 3; k++) {
            for (int j = 3; j < 12; j++) {
                for (int i = 4 + k; i < 15; i++) {
                    labels[g.index(i, j, k)] = 22;
                }
            }
        }
        for (int j = 0; j < g.ny(); j += 2) {
            labels[g.index(j % g.nx(), j, 4)] = 300;
        }
        labels[g.index(19, 15, 0)] = 7;
        return new LabelMap(g, labels);
    }

    @Test
    void segmentationJoinsTheCtStudyAndReferencesItsSlices() throws Exception {
        Volume ct = CtSeriesWriterTest.syntheticVolume(CtSeriesWriterTest.obliqueDirection());
        CtSeriesWriter.WrittenSeries series = new CtSeriesWriter(CLOCK).write(ct, CtSeriesWriterTest.options(), dir.resolve("ct"));
        LabelMap labels = syntheticLabels(ct.grid());
        List<Path> shuffled = new ArrayList<>(series.files());
        Collections.shuffle(shuffled, new Random(3));
        SegmentationWriter.Options options = new SegmentationWriter.Options("Vertebrae", "TotalSegmentator", Map.of(22, "L3"));
        SegmentationWriter.WrittenSegmentation seg = new SegmentationWriter(CLOCK).write(labels, shuffled, options, dir.resolve("seg/seg.dcm"));

        assertEquals(List.of(new SegmentationWriter.Segment(1, 7, "Label 7", 1), new SegmentationWriter.Segment(2, 22, "L3", 3),
                new SegmentationWriter.Segment(3, 300, "Label 300", 1)), seg.segments());
        AttributeList l = read(seg.file());
        assertEquals(SOPClass.SegmentationStorage, string(l, TagFromName.SOPClassUID));
        assertEquals("SEG", string(l, TagFromName.Modality));
        assertEquals(series.studyInstanceUid(), string(l, TagFromName.StudyInstanceUID));
        assertEquals(series.frameOfReferenceUid(), string(l, TagFromName.FrameOfReferenceUID));
        assertEquals("PAT-7", string(l, TagFromName.PatientID));
        assertEquals("Müller^Jürgen", string(l, TagFromName.PatientName));
        assertEquals(5, Attribute.getSingleIntegerValueOrDefault(l, TagFromName.NumberOfFrames, 0));
        AttributeList referenced = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(l, TagFromName.ReferencedSeriesSequence);
        assertEquals(series.seriesInstanceUid(), string(referenced, TagFromName.SeriesInstanceUID));

        SequenceAttribute segments = (SequenceAttribute) l.get(TagFromName.SegmentSequence);
        AttributeList l3 = segments.getItem(1).getAttributeList();
        assertEquals("L3", string(l3, TagFromName.SegmentLabel));
        assertEquals("AUTOMATIC", string(l3, TagFromName.SegmentAlgorithmType));
        assertEquals("36470004", CodedSequenceItem.getSingleCodedSequenceItemOrNull(l3, TagFromName.SegmentedPropertyTypeCodeSequence).getCodeValue());
        assertEquals("91723000", CodedSequenceItem.getSingleCodedSequenceItemOrNull(l3, TagFromName.SegmentedPropertyCategoryCodeSequence).getCodeValue());

        // Frames of segment 2 (label 22) are slices 1..3, each deriving from that CT slice and placed at its position.
        SequenceAttribute perFrame = (SequenceAttribute) l.get(TagFromName.PerFrameFunctionalGroupsSequence);
        for (int f = 1; f <= 3; f++) {
            AttributeList frame = perFrame.getItem(f).getAttributeList();
            AttributeList derivation = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(frame, TagFromName.DerivationImageSequence);
            AttributeList source = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(derivation, TagFromName.SourceImageSequence);
            assertEquals(series.sopInstanceUids().get(f), string(source, TagFromName.ReferencedSOPInstanceUID));
            AttributeList plane = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(frame, TagFromName.PlanePositionSequence);
            assertArrayEquals(ct.grid().toPatient(0, 0, f), Attribute.getDoubleValues(plane, TagFromName.ImagePositionPatient), 1e-6);
        }
        assertNoDciodvfyErrors(seg.file());
        assertArrayEquals(labels.labels(), SegmentationReader.read(seg.file(), ct.grid()).labels());
    }

    @Test
    void refusesLabelsOnAnotherGridOrWithoutLabels() throws Exception {
        Volume ct = CtSeriesWriterTest.syntheticVolume(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        CtSeriesWriter.WrittenSeries series = new CtSeriesWriter(CLOCK).write(ct, CtSeriesWriter.Options.defaults(), dir.resolve("ct"));
        VolumeGrid g = ct.grid();
        VolumeGrid shifted = new VolumeGrid(g.nx(), g.ny(), g.nz(), g.spacing(), new double[] {g.origin()[0] + 1, g.origin()[1], g.origin()[2]}, g.direction());
        SegmentationWriter writer = new SegmentationWriter(CLOCK);
        Path out = dir.resolve("seg.dcm");
        assertThrows(IllegalArgumentException.class,
                () -> writer.write(syntheticLabels(shifted), series.files(), SegmentationWriter.Options.defaults(), out));
        assertThrows(IllegalArgumentException.class,
                () -> writer.write(syntheticLabels(g), series.files().subList(0, 5), SegmentationWriter.Options.defaults(), out));
        assertThrows(IllegalArgumentException.class,
                () -> writer.write(new LabelMap(g, new short[g.voxelCount()]), series.files(), SegmentationWriter.Options.defaults(), out));
    }
}
