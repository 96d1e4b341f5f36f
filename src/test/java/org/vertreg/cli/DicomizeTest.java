package org.vertreg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.dicom.SegmentationReader;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.NiftiWriter;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

/** The command end to end; the CT is read back with PixelMed here only to check the files as a DICOM reader sees them. */
class DicomizeTest {

    static final Path ABDOMEN = Path.of("/work/shared/data/ct/totalseg-example-abdomen");

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    int dicomize(String... args) {
        return Dicomize.COMMAND.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** 20×16×6, tilted by 25° about (1, 2, 3), a distinct HU per voxel and two vertebra labels. */
    Path[] syntheticNifti() throws IOException {
        double norm = Math.sqrt(14), x = 1 / norm, y = 2 / norm, z = 3 / norm, t = Math.toRadians(25);
        double c = Math.cos(t), s = Math.sin(t), C = 1 - c;
        double[] direction = {c + x * x * C, x * y * C - z * s, x * z * C + y * s, y * x * C + z * s, c + y * y * C, y * z * C - x * s,
            z * x * C - y * s, z * y * C + x * s, c + z * z * C};
        VolumeGrid grid = new VolumeGrid(20, 16, 6, new double[] {0.75, 0.875, 2.5}, new double[] {-101.25, 33.5, 512.75}, direction);
        float[] hu = new float[grid.voxelCount()];
        short[] labels = new short[grid.voxelCount()];
        for (int v = 0; v < hu.length; v++) {
            hu[v] = -1024 + (v * 7919) % 4000;
            labels[v] = (short) (v % 20 < 10 ? 0 : v / (20 * 16) < 3 ? 29 : 30);
        }
        Path ct = dir.resolve("case 1.nii.gz"), seg = dir.resolve("labels.nii.gz");
        NiftiWriter.write(new Volume(grid, hu), ct);
        NiftiWriter.write(new LabelMap(grid, labels), seg);
        return new Path[] {ct, seg};
    }

    @Test
    void syntheticObliqueCaseReadsBackIdentically() throws Exception {
        Path[] nifti = syntheticNifti();
        Path outDir = dir.resolve("out");
        assertEquals(0, dicomize("--ct", nifti[0].toString(), "--labels", nifti[1].toString(), "--out", outDir.toString(),
                "--patient-name", "Doe^Jane", "--study-description", "Spine", "--label-names", "totalseg"), err.toString());
        Volume ct = NiftiReader.readVolume(nifti[0]);
        VolumeGrid g = ct.grid();
        List<Path> files = list(outDir.resolve("ct"));
        assertEquals(g.nz(), files.size());
        float[] hu = new float[g.voxelCount()];
        for (Path file : files) {
            AttributeList l = new AttributeList();
            l.read(file.toFile());
            assertEquals("case 1", Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PatientID));
            assertEquals("Doe^Jane", Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PatientName));
            double[] position = Attribute.getDoubleValues(l, TagFromName.ImagePositionPatient);
            double[] orientation = Attribute.getDoubleValues(l, TagFromName.ImageOrientationPatient);
            double[] spacing = Attribute.getDoubleValues(l, TagFromName.PixelSpacing);
            int k = (int) Math.round(g.toIndex(position[0], position[1], position[2])[2]);
            assertEquals(k + 1, Attribute.getSingleIntegerValueOrDefault(l, TagFromName.InstanceNumber, 0));
            assertArrayEquals(g.toPatient(0, 0, k), position, 1e-6);
            double[] d = g.direction();
            assertArrayEquals(new double[] {d[0], d[3], d[6], d[1], d[4], d[7]}, orientation, 1e-9);
            assertArrayEquals(new double[] {g.spacing()[1], g.spacing()[0]}, spacing, 1e-9);
            short[] stored = l.get(TagFromName.PixelData).getShortValues();
            for (int p = 0; p < stored.length; p++) {
                hu[g.index(p % g.nx(), p / g.nx(), k)] = stored[p];
            }
        }
        assertArrayEquals(ct.hu(), hu);
        LabelMap back = SegmentationReader.read(outDir.resolve("seg/seg.dcm"), g);
        assertArrayEquals(NiftiReader.readLabels(nifti[1]).labels(), back.labels());
        String printed = out.toString();
        assertTrue(printed.contains("wrote 6 CT slices") && printed.contains("label 29 \"L3\", 3 frames")
                && printed.contains("label 30 \"L2\", 3 frames"), printed);
    }

    @Test
    void realAbdomenWithTotalSegmentatorVertebrae() throws Exception {
        Path outDir = dir.resolve("abdomen");
        Path labelsFile = ABDOMEN.resolve("totalseg_vertebrae.nii.gz");
        assertEquals(0, dicomize("--ct", ABDOMEN.resolve("example_ct.nii.gz").toString(), "--labels", labelsFile.toString(),
                "--out", outDir.toString(), "--label-names", "totalseg"), err.toString());
        assertEquals(112, list(outDir.resolve("ct")).size());
        AttributeList first = new AttributeList();
        first.read(outDir.resolve("ct/ct-0001.dcm").toFile(), TagFromName.PixelData);
        VolumeGrid g = NiftiReader.readGrid(labelsFile);
        assertArrayEquals(g.toPatient(0, 0, 0), Attribute.getDoubleValues(first, TagFromName.ImagePositionPatient), 1e-6);
        assertArrayEquals(new double[] {-1, 0, 0, 0, -1, 0}, Attribute.getDoubleValues(first, TagFromName.ImageOrientationPatient), 0);
        assertEquals(101, Attribute.getSingleIntegerValueOrDefault(first, TagFromName.Rows, 0));
        assertEquals(122, Attribute.getSingleIntegerValueOrDefault(first, TagFromName.Columns, 0));
        String printed = out.toString();
        assertTrue(printed.contains("with 8 segments"), printed);
        for (String level : new String[] {"S1", "L5", "L4", "L3", "L2", "L1", "T12", "T11"}) {
            assertTrue(printed.contains("\"" + level + "\""), level + " missing in\n" + printed);
        }
        LabelMap labels = NiftiReader.readLabels(labelsFile);
        assertArrayEquals(labels.labels(), SegmentationReader.read(outDir.resolve("seg/seg.dcm"), g).labels());
    }

    @Test
    void ctAloneWritesNoSegmentation() throws Exception {
        Path[] nifti = syntheticNifti();
        assertEquals(0, dicomize("--ct", nifti[0].toString(), "--out", dir.resolve("o").toString(), "--patient-id", "P1"));
        assertEquals(6, list(dir.resolve("o/ct")).size());
        assertTrue(Files.notExists(dir.resolve("o/seg")));
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        Path[] nifti = syntheticNifti();
        String ct = nifti[0].toString(), out = dir.resolve("o").toString();
        assertEquals(2, dicomize());
        assertTrue(err.toString().contains("give either --ct or --ct-dicom") && err.toString().contains("usage: dicomize"), err.toString());
        assertEquals(2, dicomize("--ct", ct, "--out", out, "--colour", "red"));
        assertEquals(2, dicomize("--ct", ct, "--out"));
        assertEquals(2, dicomize("--ct", ct, "--out", out, "--label-names", "verse"));
        assertEquals(2, dicomize("--ct-dicom", dir.toString(), "--out", out));
        assertEquals(2, dicomize("--ct", dir.resolve("missing.nii.gz").toString(), "--out", out));
        assertTrue(err.toString().contains("no such file: " + dir.resolve("missing.nii.gz")), err.toString());
        assertEquals(2, dicomize("--ct", ct, "--out", out, "--patient-id", "x".repeat(65)));
        Path otherGrid = dir.resolve("other.nii.gz");
        NiftiWriter.write(new LabelMap(VolumeGrid.axisAligned(20, 16, 6, new double[] {1, 1, 1}, new double[] {0, 0, 0}), new short[1920]), otherGrid);
        assertEquals(2, dicomize("--ct", ct, "--labels", otherGrid.toString(), "--out", out));
        assertTrue(err.toString().contains("differs from the CT's"), err.toString());
        assertEquals(0, dicomize("--ct", ct, "--out", out));
        assertEquals(2, dicomize("--ct", ct, "--out", out));
        assertTrue(err.toString().contains("choose a new --out"), err.toString());
        assertEquals(0, dicomize("--help"));
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
