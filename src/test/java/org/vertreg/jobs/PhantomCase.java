package org.vertreg.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.vertreg.cli.Main;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.NiftiWriter;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.imaging.VertebraCrop;
import org.vertreg.registration.RegistrationMetrics;
import org.vertreg.registration.TargetPoints;

/**
 * A patient of the synthetic spine as the main job's tests route it: its CT series and segmentation as DICOM files
 * ({@code dicomize}; label 20, the middle vertebra, is L1 in the TPTBox names), and a low-dose DX of that vertebra that
 * {@code drr} made at {@link #TRUE_POSE} (the file carries it).
 */
record PhantomCase(Path ctFolder, Path segFolder, Path xray, SpinePhantom phantom) {
    /** Within the refinement's search box around the start a barely trained network gives. */
    static final String TRUE_POSE = "4,-3,2,2.5,-4,1.5";

    static PhantomCase write(Path dir, String patientId) throws Exception {
        SpinePhantom phantom = SpinePhantom.create();
        Path ct = dir.resolve("phantom.nii.gz"), labels = dir.resolve("phantom-seg.nii.gz");
        NiftiWriter.write(phantom.volume(), ct);
        NiftiWriter.write(phantom.labels(), labels);
        Path dicom = dir.resolve("dicom");
        assertEquals(0, Main.run(new String[] {"dicomize", "--ct", ct.toString(), "--labels", labels.toString(), "--out", dicom.toString(),
                "--patient-id", patientId, "--patient-name", "Test^Spine", "--label-names", "tptbox"}, System.out, System.err));
        Path xrays = dir.resolve("xray");
        assertEquals(0, Main.run(new String[] {"drr", "--ct", ct.toString(), "--labels", labels.toString(), "--level",
                String.valueOf(SpinePhantom.MIDDLE_LABEL), "--low-dose", "--seed", "5", "--pose", TRUE_POSE, "--patient-id", patientId,
                "--out", xrays.toString()}, System.out, System.err));
        return new PhantomCase(dicom.resolve("ct"), dicom.resolve("seg"), xrays.resolve("drr-001.dcm"), phantom);
    }

    /** The X-ray's SOP Instance UID. */
    String xraySopInstanceUid() throws Exception {
        com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
        l.read(xray.toFile(), com.pixelmed.dicom.TagFromName.PixelData);
        return com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(l, com.pixelmed.dicom.TagFromName.SOPInstanceUID);
    }

    List<Path> ctAndSegFiles() throws Exception {
        try (Stream<Path> ct = Files.list(ctFolder); Stream<Path> seg = Files.list(segFolder)) {
            return Stream.concat(ct, seg).sorted().toList();
        }
    }

    int ctSlices() throws Exception {
        try (Stream<Path> ct = Files.list(ctFolder)) {
            return (int) ct.count();
        }
    }

    static Pose truePose() {
        String[] t = TRUE_POSE.split(",");
        return new Pose(Double.parseDouble(t[0]), Double.parseDouble(t[1]), Double.parseDouble(t[2]), Double.parseDouble(t[3]),
                Double.parseDouble(t[4]), Double.parseDouble(t[5]));
    }

    /** mTRE (mm) of {@code pose} against the truth, on the middle vertebra's points. */
    double mTreMm(Pose pose) {
        CroppedVertebra crop = crop();
        return new RegistrationMetrics(TargetPoints.of(crop), crop.centroid(), CarmGeometry.defaults(crop.centroid())).error(pose, truePose())
                .mTreMm();
    }

    CroppedVertebra crop() {
        return VertebraCrop.byLabel(phantom.volume(), phantom.labels(), SpinePhantom.MIDDLE_LABEL);
    }
}
