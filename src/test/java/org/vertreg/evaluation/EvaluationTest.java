package org.vertreg.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseSampler;
import org.vertreg.geometry.RigidTransform;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.NiftiWriter;
import org.vertreg.imaging.SpinePhantom;
import org.vertreg.imaging.VertebraCrop;
import org.vertreg.registration.IntensityRefinement;
import org.vertreg.registration.PoseEstimator;
import org.vertreg.registration.QualityModel;
import org.vertreg.registration.RegistrationMetrics;
import org.vertreg.registration.Similarity;
import org.vertreg.registration.TargetPoints;
import org.vertreg.registration.VertebraRegistration;

class EvaluationTest {
    private static final SpinePhantom PHANTOM = SpinePhantom.create();
    private static final int POSES = 5;
    private static final EvaluationProtocol PROTOCOL = EvaluationProtocol.defaults().withPoses(POSES);

    private static EvaluationCase phantomCase() {
        return EvaluationCase.atLevel("phantom", PHANTOM.volume(), PHANTOM.labels(), SpinePhantom.MIDDLE_LABEL);
    }

    private static CroppedVertebra crop() {
        return VertebraCrop.byLabel(PHANTOM.volume(), PHANTOM.labels(), SpinePhantom.MIDDLE_LABEL);
    }

    @Test
    void anOracleThatRecognisesEachTestImageHasNoErrorAndAlwaysSucceeds() {
        // The side channel: the test renders the protocol's images itself and remembers which pose each one shows.
        CroppedVertebra crop = crop();
        SimulatedXrays xrays = SimulatedXrays.around(crop.vertebraAlone(), crop.centroid());
        PoseSampler sampler = new PoseSampler(EvaluationProtocol.DEFAULT_SEED, PoseSampler.Purpose.EVALUATION);
        Map<Integer, Pose> byImage = new HashMap<>();
        for (int i = 0; i < POSES; i++) {
            byImage.put(Arrays.hashCode(xrays.lowDose(sampler.pose(i), sampler.auxiliarySeed(i))), sampler.pose(i));
        }
        assertEquals(POSES, byImage.size());
        PoseEstimator oracle = (grey, carm) -> {
            assertEquals(crop.centroid(), carm.isocentre());
            return byImage.get(Arrays.hashCode(grey));
        };

        CaseTrials result = new Evaluation(PROTOCOL).run(phantomCase(), oracle);

        assertEquals("phantom", result.caseName());
        assertEquals("20", result.vertebra());
        assertEquals(POSES, result.trials().size());
        for (RegistrationTrial t : result.trials()) {
            assertEquals(sampler.pose(t.index()), t.truth());
            assertEquals(0, t.error().mTreMm(), 1e-12);
            assertEquals(0, t.error().mPdMm(), 1e-12);
            assertEquals(0, t.error().mae(), 0);
            assertTrue(t.timeMs() >= 0);
        }
        EvaluationRow row = EvaluationTable.of(List.of(result)).overall();
        assertEquals(1.0, row.successRate());
        assertEquals(0.0, row.grossFailureRate());
    }

    @Test
    void theIdentityEstimatorIsOffByHowFarEachTestPoseMovesTheVertebra() {
        CaseTrials result = new Evaluation(PROTOCOL).run(phantomCase(), (grey, carm) -> Pose.identity());
        CroppedVertebra crop = crop();
        TargetPoints targets = TargetPoints.fromLabel(crop.labels().orElseThrow(), SpinePhantom.MIDDLE_LABEL);
        double expectedMean = 0;
        for (RegistrationTrial t : result.trials()) {
            RigidTransform moved = t.truth().toRigidTransform(crop.centroid());
            double tre = targets.points().stream().mapToDouble(p -> moved.apply(p).minus(p).norm()).average().orElseThrow();
            assertEquals(tre, t.error().mTreMm(), 1e-9);
            assertEquals(Arrays.stream(t.truth().normalised()).map(Math::abs).average().orElseThrow(), t.error().mae(), 1e-12);
            expectedMean += tre / POSES;
        }
        EvaluationRow row = EvaluationTable.of(List.of(result)).overall();
        assertEquals(expectedMean, row.mTreMeanMm(), 1e-9);
        // poses uniform in ±18° and ±10 mm move a vertebra by about a centimetre on average
        assertTrue(expectedMean > 5 && expectedMean < 25, "mean mTRE " + expectedMean);
    }

    @Test
    void withoutLowDoseTheEstimatorSeesThePlainDrr() {
        CroppedVertebra crop = crop();
        SimulatedXrays xrays = SimulatedXrays.around(crop.vertebraAlone(), crop.centroid());
        List<float[]> seen = new ArrayList<>();
        new Evaluation(PROTOCOL.withLowDose(false).withPoses(2)).run(phantomCase(), (grey, carm) -> {
            seen.add(grey.clone());
            return Pose.identity();
        });
        PoseSampler sampler = new PoseSampler(EvaluationProtocol.DEFAULT_SEED, PoseSampler.Purpose.EVALUATION);
        assertEquals(2, seen.size());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(xrays.drr(sampler.pose(i)), seen.get(i));
        }
    }

    @Test
    void aCtNeverSeenBeforeRunsFromItsNiftiFilesAndALevel(@TempDir Path dir) throws Exception {
        Path ct = dir.resolve("unseen.nii.gz"), labels = dir.resolve("unseen-labels.nii.gz");
        NiftiWriter.write(PHANTOM.volume(), ct);
        NiftiWriter.write(PHANTOM.labels(), labels);
        PoseEstimator identity = (grey, carm) -> Pose.identity();
        CaseTrials fromFiles = new Evaluation(PROTOCOL).run(EvaluationCase.fromNifti(ct, labels, SpinePhantom.MIDDLE_LABEL), identity);
        CaseTrials inMemory = new Evaluation(PROTOCOL).run(phantomCase(), identity);
        assertEquals("unseen", fromFiles.caseName());
        for (int i = 0; i < POSES; i++) {
            assertEquals(inMemory.trials().get(i).truth(), fromFiles.trials().get(i).truth());
            assertEquals(inMemory.trials().get(i).error().mTreMm(), fromFiles.trials().get(i).error().mTreMm(), 1e-4);
        }
    }

    @Test
    void aPointWithoutLabelsScoresOnTheBoneAroundIt(@TempDir Path dir) throws Exception {
        Path ct = dir.resolve("nolabels.nii");
        NiftiWriter.write(PHANTOM.volume(), ct);
        Vector3 point = crop().centroid();
        EvaluationCase c = EvaluationCase.fromNifti(ct, point);
        CaseTrials result = new Evaluation(PROTOCOL.withPoses(2)).run(c, (grey, carm) -> Pose.identity());
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f,%.1f,%.1f", point.x(), point.y(), point.z()), result.vertebra());
        CroppedVertebra cube = c.crop();
        assertTrue(cube.labels().isEmpty());
        RegistrationMetrics expected = new RegistrationMetrics(TargetPoints.fromBone(cube.volume(), point), point,
                org.vertreg.geometry.CarmGeometry.defaults(point));
        for (RegistrationTrial t : result.trials()) {
            assertNotNull(t.estimate());
            assertEquals(expected.error(Pose.identity(), t.truth()).mTreMm(), t.error().mTreMm(), 1e-9);
        }
    }

    @Test
    void aTwoStageRegistrationKeepsEachStagesPoseTimeAndQuality() throws Exception {
        QualityModel quality = new QualityModel(-50, 100, 0, 0, 0.5);
        CaseTrials result = new Evaluation(PROTOCOL.withPoses(2)).runRegistration(phantomCase(), xrays -> new VertebraRegistration(
                (grey, carm) -> Pose.identity(),
                new IntensityRefinement(xrays, new IntensityRefinement.Options(Similarity.named("gc"), 20, 12, 15, 60, 30, 1)), quality));

        assertEquals(2, result.trials().size());
        for (RegistrationTrial t : result.trials()) {
            RegistrationTrial.Stages s = t.stages();
            assertNotNull(s);
            assertEquals(Pose.identity(), s.first());
            assertTrue(s.firstMs() >= 0 && s.refineMs() > 0);
            assertEquals(s.firstMs() + s.refineMs(), t.timeMs(), 1e-9);
            assertTrue(t.estimate() != Pose.identity());
            assertEquals(quality.assess(s.quality().similarity(), s.quality().disagreementMm(), s.quality().noiseSigma()), s.quality());
            assertTrue(s.quality().noiseSigma() > 0, "a low-dose X-ray is noisy");
        }
        String table = EvaluationTable.of(List.of(result)).toText();
        assertTrue(table.contains("time per stage"), table);
        String csv = TrialsCsv.format(List.of(result));
        assertTrue(csv.lines().skip(1).allMatch(line -> line.split(",").length == TrialsCsv.HEADER.split(",").length), csv);
    }
}
