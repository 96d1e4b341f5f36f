package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.Vector3;
import org.vertreg.testing.TestUids;

class XrayWriterTest {

    @TempDir
    Path dir;

    static final Vector3 CENTROID = new Vector3(1.25, -30.5, 402.125);
    static final Pose POSE = new Pose(12.345678901234, -7.5, 0.1, -3.25, 9.875, -0.000123);

    final XrayWriter writer = new XrayWriter(Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC));

    static float[] ramp(int n) {
        float[] grey = new float[n];
        for (int i = 0; i < n; i++) {
            grey[i] = i % 256;
        }
        return grey;
    }

    @Test
    void writesAValidDxWithGeometryAndTruePose() throws Exception {
        CarmGeometry carm = CarmGeometry.defaults(CENTROID).withPositionerAngles(20, -5);
        String study = TestUids.of("XrayWriterTest/study");
        Path file = dir.resolve("x.dcm");
        XrayWriter.WrittenXray written = writer.write(ramp(128 * 128), carm, new XrayWriter.TruePose(POSE, CENTROID),
                XrayWriter.Options.defaults().withPatientId("P1").withPatientName("Doe^John").withStudyInstanceUid(study), file);
        assertEquals(study, written.studyInstanceUid());
        CtSeriesWriterTest.assertNoDciodvfyErrors(file);

        AttributeList l = CtSeriesWriterTest.read(file);
        assertEquals(XrayWriter.DX_FOR_PRESENTATION, CtSeriesWriterTest.string(l, TagFromName.SOPClassUID));
        assertEquals(study, CtSeriesWriterTest.string(l, TagFromName.StudyInstanceUID));
        assertEquals("P1", CtSeriesWriterTest.string(l, TagFromName.PatientID));
        assertEquals("MONOCHROME2", CtSeriesWriterTest.string(l, TagFromName.PhotometricInterpretation));
        assertEquals("SPINE", CtSeriesWriterTest.string(l, TagFromName.BodyPartExamined));
        assertEquals(1000.0, Attribute.getSingleDoubleValueOrDefault(l, TagFromName.DistanceSourceToDetector, 0), 1e-9);
        assertEquals(600.0, Attribute.getSingleDoubleValueOrDefault(l, TagFromName.DistanceSourceToPatient, 0), 1e-9);
        assertArrayEquals(new double[] {1.0, 1.0}, Attribute.getDoubleValues(l, new AttributeTag(0x0018, 0x1164)), 1e-12);
        assertEquals(20.0, Attribute.getSingleDoubleValueOrDefault(l, new AttributeTag(0x0018, 0x1510), 0), 1e-9);
        assertEquals(-5.0, Attribute.getSingleDoubleValueOrDefault(l, new AttributeTag(0x0018, 0x1511), 0), 1e-9);
        assertArrayEquals(carm.patientOrientation().split("\\\\"), Attribute.getStringValues(l, TagFromName.PatientOrientation));
        assertEquals("vertreg true pose rx=12.345678901234 ry=-7.5 rz=0.1 tx=-3.25 ty=9.875 tz=-1.23E-4 centroid=1.25\\-30.5\\402.125",
                CtSeriesWriterTest.string(l, TagFromName.ImageComments).strip());  // LT is padded to even length
        assertEquals(XrayWriter.PRIVATE_CREATOR, CtSeriesWriterTest.string(l, new AttributeTag(0x0071, 0x0010)));

        XrayWriter.TruePose back = XrayReader.readTruePose(file);
        assertEquals(POSE, back.pose());
        assertEquals(CENTROID, back.centroid());
        assertArrayEquals(ramp(128 * 128), XrayReader.readGrey(file), 0f);
    }

    @Test
    void referenceViewIsRightFeet() throws Exception {
        Path file = dir.resolve("ref.dcm");
        writer.write(new float[64 * 32], new CarmGeometry(1000, 600, 64, 32, 0.5, CENTROID, 0, 0),
                new XrayWriter.TruePose(Pose.identity(), CENTROID), XrayWriter.Options.defaults(), file);
        CtSeriesWriterTest.assertNoDciodvfyErrors(file);
        AttributeList l = CtSeriesWriterTest.read(file);
        assertArrayEquals(new String[] {"R", "F"}, Attribute.getStringValues(l, TagFromName.PatientOrientation));
        assertEquals(32, Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Rows, 0));
        assertEquals(64, Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Columns, 0));
    }

    @Test
    void commentAloneGivesThePoseBack() {
        XrayWriter.TruePose t = new XrayWriter.TruePose(POSE, CENTROID);
        assertEquals(t, XrayReader.parseComment(XrayWriter.comment(t)));
    }

    @Test
    void refusesMismatchedImagesAndBadOptions() {
        CarmGeometry carm = CarmGeometry.defaults(CENTROID);
        assertThrows(IllegalArgumentException.class, () -> writer.write(new float[10], carm,
                new XrayWriter.TruePose(POSE, CENTROID), XrayWriter.Options.defaults(), dir.resolve("bad.dcm")));
        assertThrows(IllegalArgumentException.class, () -> XrayWriter.Options.defaults().withStudyInstanceUid("1.02.3"));
        assertThrows(IllegalArgumentException.class, () -> XrayWriter.Options.defaults().withBodyPartExamined("spine"));
    }
}
