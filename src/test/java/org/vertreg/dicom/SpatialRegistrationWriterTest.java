package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vertreg.dicom.CtSeriesWriterTest.assertNoDciodvfyErrors;
import static org.vertreg.dicom.CtSeriesWriterTest.read;
import static org.vertreg.dicom.CtSeriesWriterTest.string;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.RigidTransform;
import org.vertreg.testing.TestUids;

class SpatialRegistrationWriterTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
    static final Pose POSE = new Pose(12.345678901234, -7.5, 0.1, -3.25, 9.875, -0.000123);

    @TempDir
    Path dir;

    final SpatialRegistrationWriter writer = new SpatialRegistrationWriter(CLOCK);

    static PatientStudy xrayStudy() {
        return new PatientStudy("Müller^Jürgen", "PAT-7", "HOSPITAL A", "19700102", "M", TestUids.of("SRO/study"), "20260301",
                "101530", "ACC1", "Smith^Anna", "S1");
    }

    static ReferencedImage xray() {
        return new ReferencedImage(XrayWriter.DX_FOR_PRESENTATION, TestUids.of("SRO/xray"), TestUids.of("SRO/xray-series"));
    }

    /** A CT in another study, with three slices known. */
    static ReferencedSeries ctInOtherStudy() {
        return new ReferencedSeries(TestUids.of("SRO/ct-study"), TestUids.of("SRO/ct-series"), TestUids.of("SRO/ct-for"),
                SOPClass.CTImageStorage, List.of(TestUids.of("SRO/ct-1"), TestUids.of("SRO/ct-2"), TestUids.of("SRO/ct-3")));
    }

    /** An oblique rotation (no entry 0 or ±1) and a translation, row-major 4x4. */
    static double[] ctToExposure() {
        double[] r = CtSeriesWriterTest.obliqueDirection();
        return new double[] {r[0], r[1], r[2], 12.5, r[3], r[4], r[5], -40.25, r[6], r[7], r[8], 612.125, 0, 0, 0, 1};
    }

    static RegistrationSummary summary(boolean lowConfidence) {
        return new RegistrationSummary("L3", 0.8734, lowConfidence, POSE);
    }

    static SpatialRegistrationContent content(ReferencedSeries ct, String xrayFrameOfReference, double[] matrix) {
        return new SpatialRegistrationContent(xrayStudy(), xray(), xrayFrameOfReference, TestUids.of("SRO/exposure-for"), ct, matrix,
                TestUids.of("SRO/series"), TestUids.of("SRO/instance"), "VERTREG L3", "Vertreg registration",
                summary(true), new Equipment("Vertreg", "node-1", "1.2.3"));
    }

    @Test
    void writesAValidRegistrationOfTheCtToTheExposure() throws Exception {
        double[] matrix = ctToExposure();
        Path file = dir.resolve("reg.dcm");
        SpatialRegistrationWriter.WrittenRegistration written = writer.write(content(ctInOtherStudy(), "", matrix), file);
        assertEquals(TestUids.of("SRO/exposure-for"), written.frameOfReferenceUid(), "the X-ray has none: the new one");
        assertNoDciodvfyErrors(file);

        AttributeList l = read(file);
        assertEquals(SpatialRegistrationWriter.SPATIAL_REGISTRATION_STORAGE, string(l, TagFromName.SOPClassUID));
        assertEquals("REG", string(l, TagFromName.Modality));
        assertEquals(TestUids.of("SRO/instance"), string(l, TagFromName.SOPInstanceUID));
        assertEquals(TestUids.of("SRO/series"), string(l, TagFromName.SeriesInstanceUID));
        assertEquals(TestUids.of("SRO/study"), string(l, TagFromName.StudyInstanceUID));
        assertEquals("Müller^Jürgen", string(l, TagFromName.PatientName));
        assertEquals("ACC1", string(l, TagFromName.AccessionNumber));
        assertEquals(TestUids.of("SRO/exposure-for"), string(l, TagFromName.FrameOfReferenceUID));
        assertEquals("20260304", string(l, TagFromName.ContentDate));
        assertEquals("050607", string(l, TagFromName.ContentTime));
        assertEquals("Vertreg", string(l, TagFromName.Manufacturer));
        assertEquals("node-1", string(l, TagFromName.DeviceSerialNumber));

        List<AttributeList> registrations = items(l, DicomAttributes.tag("RegistrationSequence"));
        assertEquals(2, registrations.size());
        AttributeList ct = registrations.get(0);
        assertEquals(TestUids.of("SRO/ct-for"), string(ct, TagFromName.FrameOfReferenceUID));
        assertEquals(3, items(ct, TagFromName.ReferencedImageSequence).size());
        AttributeList ctMatrix = onlyMatrix(ct);
        assertEquals("RIGID", string(ctMatrix, DicomAttributes.tag("FrameOfReferenceTransformationMatrixType")));
        double[] back = Attribute.getDoubleValues(ctMatrix, DicomAttributes.tag("FrameOfReferenceTransformationMatrix"));
        assertArrayEquals(matrix, back, 1e-12);
        assertTrue(RigidTransform.isOrthonormal(new double[] {back[0], back[1], back[2], back[4], back[5], back[6], back[8], back[9], back[10]},
                RigidTransform.ORTHONORMAL_TOLERANCE));

        AttributeList exposure = registrations.get(1);
        assertEquals(TestUids.of("SRO/exposure-for"), string(exposure, TagFromName.FrameOfReferenceUID));
        AttributeList image = items(exposure, TagFromName.ReferencedImageSequence).get(0);
        assertEquals(XrayWriter.DX_FOR_PRESENTATION, string(image, TagFromName.ReferencedSOPClassUID));
        assertEquals(TestUids.of("SRO/xray"), string(image, TagFromName.ReferencedSOPInstanceUID));
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1},
                Attribute.getDoubleValues(onlyMatrix(exposure), DicomAttributes.tag("FrameOfReferenceTransformationMatrix")), 0);

        // Common Instance Reference: the X-ray in this study, the CT slices under theirs
        AttributeList xraySeries = items(l, TagFromName.ReferencedSeriesSequence).get(0);
        assertEquals(TestUids.of("SRO/xray-series"), string(xraySeries, TagFromName.SeriesInstanceUID));
        assertEquals(TestUids.of("SRO/xray"), string(items(xraySeries, TagFromName.ReferencedInstanceSequence).get(0),
                TagFromName.ReferencedSOPInstanceUID));
        AttributeList otherStudy = items(l, DicomAttributes.tag("StudiesContainingOtherReferencedInstancesSequence")).get(0);
        assertEquals(TestUids.of("SRO/ct-study"), string(otherStudy, TagFromName.StudyInstanceUID));
        assertEquals(3, items(items(otherStudy, TagFromName.ReferencedSeriesSequence).get(0), TagFromName.ReferencedInstanceSequence).size());

        // The registration's outcome, readable and exact
        String description = string(l, TagFromName.ContentDescription);
        assertEquals("L3 Q=0.873 LOW CONFIDENCE R=12.3,-7.5,0.1deg T=-3.3,9.9,0.0mm", description);
        assertEquals(SpatialRegistrationWriter.PRIVATE_CREATOR, string(l, new AttributeTag(0x0073, 0x0010)));
        assertEquals(0.8734, Attribute.getSingleDoubleValueOrDefault(l, SpatialRegistrationWriter.QUALITY_SCORE, 0), 0);
        assertEquals("YES", string(l, SpatialRegistrationWriter.LOW_CONFIDENCE));
        assertEquals("L3", string(l, SpatialRegistrationWriter.VERTEBRA_LEVEL));
        assertArrayEquals(new double[] {POSE.rx(), POSE.ry(), POSE.rz(), POSE.tx(), POSE.ty(), POSE.tz()},
                Attribute.getDoubleValues(l, SpatialRegistrationWriter.POSE), 1e-12);
    }

    @Test
    void aCtKnownByItsFrameOfReferenceInTheSameStudy() throws Exception {
        ReferencedSeries ct = ReferencedSeries.byFrameOfReference(TestUids.of("SRO/study"), TestUids.of("SRO/ct-series"), TestUids.of("SRO/ct-for"));
        String xrayFrame = TestUids.of("SRO/xray-for");
        Path file = dir.resolve("reg.dcm");
        assertEquals(xrayFrame, writer.write(content(ct, xrayFrame, ctToExposure()), file).frameOfReferenceUid(), "the X-ray's own");
        assertNoDciodvfyErrors(file);
        AttributeList l = read(file);
        assertEquals(xrayFrame, string(l, TagFromName.FrameOfReferenceUID));
        AttributeList ctItem = items(l, DicomAttributes.tag("RegistrationSequence")).get(0);
        assertNull(ctItem.get(TagFromName.ReferencedImageSequence));
        assertEquals(1, items(l, TagFromName.ReferencedSeriesSequence).size(), "only the X-ray is referenced by instance");
        assertNull(l.get(DicomAttributes.tag("StudiesContainingOtherReferencedInstancesSequence")));
    }

    @Test
    void refusesAMatrixThatIsNotRigid() {
        List<double[]> bad = new ArrayList<>();
        double[] scaled = ctToExposure();
        for (int i : new int[] {0, 1, 2, 4, 5, 6, 8, 9, 10}) {
            scaled[i] *= 1.01;
        }
        bad.add(scaled);
        bad.add(new double[] {-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1});   // a reflection, det -1
        bad.add(new double[] {1, 0.2, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1});  // a shear
        bad.add(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0.5, 0, 1});  // projective last row
        double[] nan = ctToExposure();
        nan[3] = Double.NaN;
        bad.add(nan);
        double[] infinite = ctToExposure();
        infinite[0] = Double.POSITIVE_INFINITY;
        bad.add(infinite);
        bad.add(new double[12]);
        bad.add(null);
        for (double[] m : bad) {
            assertThrows(IllegalArgumentException.class, () -> content(ctInOtherStudy(), "", m));
        }
    }

    @Test
    void theSameContentWritesTheSameObjectAgain() throws Exception {
        SpatialRegistrationContent c = content(ctInOtherStudy(), "", ctToExposure());
        SpatialRegistrationWriter.WrittenRegistration first = writer.write(c, dir.resolve("first.dcm"));
        SpatialRegistrationWriter.WrittenRegistration retry = writer.write(content(ctInOtherStudy(), "", ctToExposure()), dir.resolve("retry.dcm"));
        assertEquals(first.sopInstanceUid(), retry.sopInstanceUid());
        assertEquals(first.seriesInstanceUid(), retry.seriesInstanceUid());
        assertEquals(first.frameOfReferenceUid(), retry.frameOfReferenceUid());
        assertArrayEquals(Files.readAllBytes(first.file()), Files.readAllBytes(retry.file()));
    }

    @Test
    void contentDescriptionFitsItsLongStringWhateverThePose() {
        RegistrationSummary far = new RegistrationSummary("T12", 0.05, true, new Pose(-179.95, -89.99, -179.95, -1234.56, -999.99, -4321.5));
        assertTrue(far.shortText().length() <= 64, far.shortText());
        assertEquals("T12 Q=0.050 LOW CONFIDENCE R=-180,-90,-180deg T=-1235,-1000,-4322mm".substring(0, 64), far.shortText());
        RegistrationSummary near = new RegistrationSummary("L1", 0.9, false, Pose.identity());
        assertEquals("L1 Q=0.900 R=0.0,0.0,0.0deg T=0.0,0.0,0.0mm", near.shortText());
    }

    @Test
    void refusesAnExposureFrameThatIsTheCts() {
        assertThrows(IllegalArgumentException.class, () -> content(ctInOtherStudy(), TestUids.of("SRO/ct-for"), ctToExposure()));
        assertThrows(IllegalArgumentException.class, () -> new SpatialRegistrationContent(xrayStudy(), xray(), "", "", ctInOtherStudy(),
                ctToExposure(), TestUids.of("s"), TestUids.of("i"), "L", "", summary(false), Equipment.node("n")));
    }

    static List<AttributeList> items(AttributeList l, AttributeTag tag) {
        SequenceAttribute s = (SequenceAttribute) l.get(tag);
        List<AttributeList> out = new ArrayList<>();
        for (int i = 0; s != null && i < s.getNumberOfItems(); i++) {
            out.add(s.getItem(i).getAttributeList());
        }
        return out;
    }

    private static AttributeList onlyMatrix(AttributeList registrationItem) {
        List<AttributeList> registrations = items(registrationItem, DicomAttributes.tag("MatrixRegistrationSequence"));
        assertEquals(1, registrations.size());
        List<AttributeList> matrices = items(registrations.get(0), DicomAttributes.tag("MatrixSequence"));
        assertEquals(1, matrices.size());
        return matrices.get(0);
    }
}
