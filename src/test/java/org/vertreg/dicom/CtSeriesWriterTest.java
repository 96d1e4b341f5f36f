package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

class CtSeriesWriterTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** 20×16×6 with a distinct HU per voxel spanning air to dense bone. */
    static Volume syntheticVolume(double[] direction) {
        VolumeGrid grid = new VolumeGrid(20, 16, 6, new double[] {0.7, 0.9, 2.5}, new double[] {-101.25, 33.5, 512.75}, direction);
        float[] hu = new float[grid.voxelCount()];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = -1024 + (i * 7919) % 4000;
        }
        return new Volume(grid, hu);
    }

    /** Rotation by 25° about the axis (1, 2, 3) (Rodrigues), row-major: no entry is 0 or ±1. */
    static double[] obliqueDirection() {
        double norm = Math.sqrt(14), x = 1 / norm, y = 2 / norm, z = 3 / norm, t = Math.toRadians(25);
        double c = Math.cos(t), s = Math.sin(t), C = 1 - c;
        return new double[] {
            c + x * x * C, x * y * C - z * s, x * z * C + y * s,
            y * x * C + z * s, c + y * y * C, y * z * C - x * s,
            z * x * C - y * s, z * y * C + x * s, c + z * z * C};
    }

    @Test
    void obliqueSeriesReadsBackWithIdenticalHuAndGeometry() throws Exception {
        assertReadsBackIdentically(syntheticVolume(obliqueDirection()));
    }

    @Test
    void axialSeriesReadsBackWithIdenticalHuAndGeometry() throws Exception {
        assertReadsBackIdentically(syntheticVolume(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
    }

    private void assertReadsBackIdentically(Volume volume) throws Exception {
        CtSeriesWriter.WrittenSeries series = new CtSeriesWriter(CLOCK).write(volume, options(), dir);
        VolumeGrid g = volume.grid();
        assertEquals(g.nz(), series.files().size());
        float[] hu = new float[g.voxelCount()];
        double[] firstPosition = null, lastPosition = null, orientation = null, pixelSpacing = null;
        for (int k = 0; k < g.nz(); k++) {
            AttributeList l = read(series.files().get(k));
            assertEquals(SOPClass.CTImageStorage, string(l, TagFromName.SOPClassUID));
            assertEquals(TransferSyntax.ExplicitVRLittleEndian, string(l, TagFromName.TransferSyntaxUID));
            assertEquals(series.sopInstanceUids().get(k), string(l, TagFromName.SOPInstanceUID));
            assertEquals(series.seriesInstanceUid(), string(l, TagFromName.SeriesInstanceUID));
            assertEquals(series.studyInstanceUid(), string(l, TagFromName.StudyInstanceUID));
            assertEquals(series.frameOfReferenceUid(), string(l, TagFromName.FrameOfReferenceUID));
            assertEquals("PAT-7", string(l, TagFromName.PatientID));
            assertEquals("Müller^Jürgen", string(l, TagFromName.PatientName));
            assertEquals("HFS", string(l, TagFromName.PatientPosition));
            assertEquals("20240305", string(l, TagFromName.StudyDate));
            assertEquals(g.ny(), Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Rows, 0));
            assertEquals(g.nx(), Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Columns, 0));
            assertEquals(g.spacing()[2], Attribute.getSingleDoubleValueOrDefault(l, TagFromName.SliceThickness, 0), 1e-9);
            double slope = Attribute.getSingleDoubleValueOrDefault(l, TagFromName.RescaleSlope, 0);
            double intercept = Attribute.getSingleDoubleValueOrDefault(l, TagFromName.RescaleIntercept, 99);
            short[] stored = l.get(TagFromName.PixelData).getShortValues();
            for (int p = 0; p < stored.length; p++) {
                hu[g.index(p % g.nx(), p / g.nx(), k)] = (float) (stored[p] * slope + intercept);
            }
            double[] position = Attribute.getDoubleValues(l, TagFromName.ImagePositionPatient);
            assertArrayEquals(g.toPatient(0, 0, k), position, 1e-6);
            firstPosition = k == 0 ? position : firstPosition;
            lastPosition = position;
            orientation = Attribute.getDoubleValues(l, TagFromName.ImageOrientationPatient);
            pixelSpacing = Attribute.getDoubleValues(l, TagFromName.PixelSpacing);
        }
        assertArrayEquals(volume.hu(), hu);
        // Rebuild the grid from the DICOM attributes alone, as a reader of the series would.
        double[] w = new double[3];
        for (int a = 0; a < 3; a++) {
            w[a] = (lastPosition[a] - firstPosition[a]) / (g.nz() - 1);
        }
        double dz = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
        VolumeGrid fromDicom = new VolumeGrid(g.nx(), g.ny(), g.nz(), new double[] {pixelSpacing[1], pixelSpacing[0], dz}, firstPosition,
                new double[] {orientation[0], orientation[3], w[0] / dz, orientation[1], orientation[4], w[1] / dz, orientation[2], orientation[5], w[2] / dz});
        assertTrue(g.sameGeometry(fromDicom, 1e-6), () -> g + " vs " + fromDicom);
        assertNoDciodvfyErrors(series.files().get(0));
    }

    @Test
    void uidsAreValidAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < 1000; n++) {
            String uid = UidGenerator.newUid();
            assertTrue(uid.matches("2\\.25\\.(0|[1-9][0-9]*)") && uid.length() <= 64, uid);
            assertTrue(seen.add(uid), "repeated " + uid);
        }
    }

    @Test
    void patientOrientationNamesTheImageAxes() {
        assertEquals("L", CtSeriesWriter.orientationLetters(new double[] {1, 0, 0}));
        assertEquals("P", CtSeriesWriter.orientationLetters(new double[] {0, 1, 0}));
        assertEquals("F", CtSeriesWriter.orientationLetters(new double[] {0, 0, -1}));
        assertEquals("RA", CtSeriesWriter.orientationLetters(new double[] {-0.8, -0.6, 0}));
    }

    @Test
    void optionsRefuseValuesTheirVrCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> CtSeriesWriter.Options.defaults().withAccessionNumber("12345678901234567"));
        assertThrows(IllegalArgumentException.class, () -> CtSeriesWriter.Options.defaults().withBodyPartExamined("lumbar spine"));
        assertThrows(IllegalArgumentException.class, () -> CtSeriesWriter.Options.defaults().withPatientId("a\\b"));
    }

    @Test
    void hounsfieldUnitsAreRoundedAndClamped() throws Exception {
        VolumeGrid grid = VolumeGrid.axisAligned(4, 1, 1, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Volume volume = new Volume(grid, new float[] {-0.6f, 40.5f, 1e6f, Float.NaN});
        CtSeriesWriter.WrittenSeries series = new CtSeriesWriter(CLOCK).write(volume, CtSeriesWriter.Options.defaults(), dir);
        short[] stored = read(series.files().get(0)).get(TagFromName.PixelData).getShortValues();
        assertArrayEquals(new short[] {-1, 41, 32767, -1024}, stored);
        assertNoDciodvfyErrors(series.files().get(0));  // with default options: no body part, empty patient
    }

    static CtSeriesWriter.Options options() {
        return CtSeriesWriter.Options.defaults().withPatientId("PAT-7").withPatientName("Müller^Jürgen")
                .withStudyDescription("Lumbar spine").withSeriesDescription("CT test").withBodyPartExamined("LSPINE")
                .withAccessionNumber("ACC1");
    }

    static AttributeList read(Path file) throws IOException, DicomException {
        AttributeList l = new AttributeList();
        l.read(file.toFile());
        return l;
    }

    static String string(AttributeList l, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(l, tag);
    }

    /** Runs dicom3tools' IOD checker and fails on any error it reports; warnings are printed. */
    static void assertNoDciodvfyErrors(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dciodvfy", file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        System.out.println("dciodvfy " + file.getFileName() + ":\n" + output);
        List<String> errors = output.lines().filter(line -> line.contains("Error")).collect(Collectors.toList());
        assertTrue(errors.isEmpty(), "dciodvfy errors:\n" + String.join("\n", errors));
    }
}
