package org.vertreg.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.vertreg.archive.ArchiveReceiver;
import org.vertreg.archive.ArchiveStorage;
import org.vertreg.dicom.DicomConfig;
import org.vertreg.dicom.Equipment;
import org.vertreg.dicom.InstanceHeader;
import org.vertreg.dicom.InstanceHeaderReader;
import org.vertreg.dicom.LevelHints;
import org.vertreg.dicom.OverlayCaptureContent;
import org.vertreg.dicom.OverlayCaptureWriter;
import org.vertreg.dicom.PatientStudy;
import org.vertreg.dicom.RadiographReader;
import org.vertreg.dicom.Receipt;
import org.vertreg.dicom.ReceivedInstance;
import org.vertreg.dicom.ReferencedImage;
import org.vertreg.dicom.ReferencedSeries;
import org.vertreg.dicom.RegistrationSummary;
import org.vertreg.dicom.SpatialRegistrationContent;
import org.vertreg.dicom.SpatialRegistrationWriter;
import org.vertreg.dicom.StorageSopClasses;
import org.vertreg.dicom.XrayReader;
import org.vertreg.dicom.XrayWriter;
import org.vertreg.geometry.Pose;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.imaging.Radiograph;
import org.vertreg.imaging.Volume;
import org.vertreg.model.store.ModelFiles;
import org.vertreg.model.store.ModelStore;
import org.vertreg.registration.NetworkPoseEstimator;
import org.vertreg.registration.RegistrationMetrics;
import org.vertreg.registration.TargetPoints;
import org.vertreg.registration.Similarity;
import org.vertreg.registration.XrayRegistration;

/**
 * Registers one X-ray: finds its patient's prepared models (waiting, visibly, while they are prepared), chooses the level
 * ({@link LevelChoice}), registers it ({@link XrayRegistration}), writes the Spatial Registration object and the overlay
 * Secondary Capture under UIDs kept across attempts, keeps them in the archive like received instances, and queues
 * their sending.
 */
@ApplicationScoped
public class RegistrationHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(RegistrationHandler.class);
    /** How often a waiting X-ray looks again for its model. */
    static final java.time.Duration WAIT_STEP = java.time.Duration.ofSeconds(15);
    static final int OVERLAY_SCALE = 4;

    @Inject
    ArchiveLookups archive;
    @Inject
    ArchiveStorage storage;
    @Inject
    ArchiveReceiver receiver;
    @Inject
    ModelStore models;
    @Inject
    org.vertreg.model.prediction.WarmModels warmModels;
    @Inject
    JobsConfig config;
    @Inject
    DicomConfig dicom;
    @Inject
    JobQueue queue;
    @Inject
    ObjectMapper json;
    @Inject
    java.time.Clock clock;
    @Inject
    RegistrationTargets targets;

    @Override
    public String kind() {
        return JobKinds.REGISTRATION;
    }

    @Override
    public JobResult run(JobContext context) throws Exception {
        RegistrationRequest request = json.readValue(context.job().payload(), RegistrationRequest.class);
        ArchiveLookups.StoredInstance x = archive.instance(request.sopInstanceUid())
                .orElseThrow(() -> new PermanentJobFailure("no X-ray " + request.sopInstanceUid() + " in the archive"));
        if (!StorageSopClasses.PROJECTION_XRAYS.contains(x.sopClassUid())) {
            throw new PermanentJobFailure("instance " + x.sopInstanceUid() + " is a " + StorageSopClasses.name(x.sopClassUid())
                    + ", not a projection X-ray (DX, CR, XA, RF)");
        }
        List<LevelChoice.Prepared> prepared = prepared(x.patientPk());
        if (prepared.isEmpty()) {
            return waitForModel(context, x);
        }
        Path file = storage.resolve(x.filePath());
        LevelChoice.Choice choice = LevelChoice.choose(request.level(), LevelHints.read(file, config.registration().levelAttribute().orElse(null)),
                config.registration().defaultLevel(), prepared);
        Radiograph xray;
        try {
            xray = RadiographReader.read(file);
        } catch (IOException | RuntimeException e) {
            throw new PermanentJobFailure("the X-ray's pixels cannot be used: " + e.getMessage(), e);
        }
        context.progress("registering " + String.join(", ", choice.levels().stream().map(LevelChoice.Prepared::name).toList()));

        Registered best = null;
        for (LevelChoice.Prepared level : choice.levels()) {
            Registered r = register(xray, level);
            if (best == null || r.result.outcome().quality().score() > best.result.outcome().quality().score()) {
                best = r;
            }
        }
        RegistrationOutputs uids = RegistrationOutputs.keptOrNew(json, context.job().stateData());
        context.keep(uids.asStateData(json));
        InstanceHeader header = InstanceHeaderReader.read(file);
        List<String> stored = writeOutputs(context.job().id(), header, best, uids);
        Optional<Long> send = queueSend(context.job().id(), request, stored);
        Map<String, Object> summary = summary(best, choice, xray, send);
        Optional<Double> truth = againstTruth(file, best);
        truth.ifPresent(mm -> summary.put("trueMtreMm", mm));
        LOG.infof("X-ray %s registered to %s (%s): quality %.3f%s%s", x.sopInstanceUid(), best.level.name(), choice.rule(),
                best.result.outcome().quality().score(), best.result.outcome().quality().lowConfidence() ? ", LOW CONFIDENCE" : "",
                truth.map(mm -> String.format(java.util.Locale.ROOT, ", %.2f mm mTRE from the true pose it carries", mm)).orElse(""));
        return JobResult.completed(json.writeValueAsString(summary));
    }

    /** One level registered: its model and target, and the result; how long getting the target took, and whether it was kept. */
    private record Registered(LevelChoice.Prepared level, ArchiveLookups.CtSeries series, CroppedVertebra crop, XrayRegistration.Result result,
                              double targetMs, boolean targetKept) {
    }

    private Registered register(Radiograph xray, LevelChoice.Prepared level) throws Exception {
        ArchiveLookups.CtSeries series = archive.series(level.model().seriesInstanceUid()).orElseThrow();
        Path modelDir = models.files().directory(level.model().relativePath());
        if (!Files.isRegularFile(modelDir.resolve(ModelFiles.PARAMETERS))) {
            throw new PermanentJobFailure("the model of " + level.name() + " (" + level.model().id() + ") has no parameter file in the model store");
        }
        ProjectedAnatomy anatomy = ProjectedAnatomy.fromLabel(ModelFiles.readMetadataIn(modelDir).projectedAnatomy());
        long t0 = System.nanoTime();
        RegistrationTargets.Found found = target(series, level.request(), anatomy);
        double targetMs = (System.nanoTime() - t0) / 1e6;
        CroppedVertebra crop = found.target().crop();
        // the node's warm models (vertreg.model.warm-models): loaded once, kept for the patient's next X-ray, never closed here
        NetworkPoseEstimator network = new NetworkPoseEstimator(warmModels.get(level.model().id()));
        XrayRegistration.Result result = XrayRegistration.register(xray, crop, found.target().projected(), anatomy, network,
                Similarity.named(config.registration().similarity()), null);
        LOG.infof("registered %s: quality %.3f%s", level.name(), result.outcome().quality().score(),
                result.outcome().quality().lowConfidence() ? " (low confidence)" : "");
        return new Registered(level, series, crop, result, targetMs, found.kept());
    }

    /** The level's crop and projected volume, kept from the patient's last X-ray or read from the archive now. */
    private RegistrationTargets.Found target(ArchiveLookups.CtSeries series, PreparationRequest request, ProjectedAnatomy anatomy)
            throws java.io.IOException {
        return targets.get(PreparationHandler.targetName(series, request, anatomy), PreparationHandler.targetFiles(storage, series, request), () -> {
            Volume ct = NiftiReader.readVolume(storage.resolve(series.volumePath()));
            CroppedVertebra crop = PreparationHandler.crop(storage, ct, series, request);
            return new RegistrationTargets.Target(crop, anatomy.select(ct, crop));
        });
    }

    /** The patient's prepared levels, with the preparations that named them (a model without one is "level N"). */
    private List<LevelChoice.Prepared> prepared(long patientPk) throws Exception {
        List<LevelChoice.Prepared> out = new ArrayList<>();
        for (ArchiveLookups.PreparedModel m : archive.preparedModelsOf(patientPk)) {
            PreparationRequest request = archive.preparation(m.seriesInstanceUid(), m.level())
                    .orElse(new PreparationRequest(m.seriesInstanceUid(), m.level(), "level " + m.level(), null, "model store"));
            out.add(new LevelChoice.Prepared(m, request));
        }
        return out;
    }

    /** Nothing prepared yet: look again soon, or give up once the configured wait has passed since the X-ray came. */
    private JobResult waitForModel(JobContext context, ArchiveLookups.StoredInstance x) throws Exception {
        List<ArchiveLookups.CtSeries> cts = archive.ctSeriesOf(x.patientPk());
        List<String> pending = archive.pendingPreparationsOf(x.patientPk());
        String why = cts.isEmpty() ? "no CT of this patient has arrived"
                : pending.isEmpty() ? "the patient's CT (" + cts.get(0).status() + ") has no prepared level and none is being prepared"
                : "preparing " + String.join(", ", pending);
        Instant giveUp = context.job().createdAt().plus(config.registration().waitForModel());
        Instant now = context.clock().instant();
        if (!now.isBefore(giveUp)) {
            throw new PermanentJobFailure("no prepared model for this patient within " + config.registration().waitForModel() + ": " + why);
        }
        Instant next = now.plus(WAIT_STEP).isAfter(giveUp) ? giveUp : now.plus(WAIT_STEP);
        return new JobResult.Waiting(next, "waiting for a prepared model: " + why);
    }

    /**
     * Writes and keeps both outputs (unless an earlier attempt kept them) and the overlay as PNG; returns their SOP
     * Instance UIDs.
     */
    private List<String> writeOutputs(long jobId, InstanceHeader xray, Registered best, RegistrationOutputs uids) throws Exception {
        VertebraRegistrationSummary s = new VertebraRegistrationSummary(best);
        PatientStudy study = PatientStudy.of(xray);
        ReferencedImage image = new ReferencedImage(xray.sopClassUid(), xray.sopInstanceUid(), xray.seriesInstanceUid());
        Equipment node = Equipment.node(dicom.aeTitle());
        if (archive.instance(uids.registrationSopUid()).isEmpty()) {
            SpatialRegistrationContent content = new SpatialRegistrationContent(study, image, blankToNull(xray.frameOfReferenceUid()),
                    uids.exposureFrameOfReferenceUid(), ReferencedSeries.byFrameOfReference(best.series.studyInstanceUid(),
                    best.series.seriesInstanceUid(), best.series.frameOfReferenceUid()), s.ctToExposure(), uids.registrationSeriesUid(),
                    uids.registrationSopUid(), "VERTREG", "Vertreg registration " + best.level.name(), s.summary(), node);
            keep(file -> new SpatialRegistrationWriter(clock).write(content, file));
        }
        boolean captureMissing = archive.instance(uids.overlaySopUid()).isEmpty();
        Path png = storage.overlayPng(jobId);
        if (captureMissing || !Files.exists(png)) {
            java.awt.image.BufferedImage picture = XrayRegistration.overlay(best.result, best.crop, best.level.name(), OVERLAY_SCALE).toRgb();
            if (captureMissing) {
                OverlayCaptureContent content = new OverlayCaptureContent(study, image, uids.overlaySeriesUid(), uids.overlaySopUid(),
                        "Vertreg overlay " + best.level.name(), s.summary(), node);
                keep(file -> new OverlayCaptureWriter(clock).write(picture, content, file));
            }
            // the same picture as PNG, for the web page and the REST API (GET /api/jobs/{id}/overlay.png)
            Path tmp = Files.createTempFile(png.getParent(), "overlay-", ".tmp");
            javax.imageio.ImageIO.write(picture, "png", tmp.toFile());
            Files.move(tmp, png, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return List.of(uids.registrationSopUid(), uids.overlaySopUid());
    }

    private interface Writer {
        void write(Path file) throws IOException;
    }

    /** Writes an output into the incoming folder and hands it to the archive, as a received instance is. */
    private void keep(Writer writer) throws Exception {
        Path file = Files.createTempFile(storage.path(), "output-", ".dcm");
        try {
            writer.write(file);
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Receipt receipt = receiver.accept(ReceivedInstance.ofOwnFile(file, dicom.aeTitle()));
            if (receipt.outcome() != Receipt.Outcome.STORED && receipt.outcome() != Receipt.Outcome.DUPLICATE) {
                throw new IOException("the archive did not keep an output: " + receipt.detail());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Queues the sending of the outputs to the configured destination, or back to the sender; empty when it has no address. */
    private Optional<Long> queueSend(long jobId, RegistrationRequest request, List<String> sops) throws Exception {
        String ae = config.outputs().destination().orElse(request.callingAeTitle());
        if (ae == null) {
            return Optional.empty();
        }
        Optional<DicomPeer> peer = DicomPeer.find(config.outputs().peers().orElse(List.of()), ae);
        if (peer.isEmpty()) {
            LOG.warnf("outputs of job %d kept, not sent: no address configured for AE %s (vertreg.jobs.outputs.peers)", jobId, ae);
            return Optional.empty();
        }
        SendRequest send = new SendRequest(jobId, sops, ae, peer.get().host(), peer.get().port());
        return Optional.of(queue.enqueue(NewJob.of(JobKinds.SEND, json.writeValueAsString(send)).withUniqueKey(send.uniqueKey())
                .withMaxAttempts(config.outputs().sendAttempts()).withPriority(1)));
    }

    private Map<String, Object> summary(Registered best, LevelChoice.Choice choice, Radiograph xray, Optional<Long> send) {
        Pose p = best.result.outcome().refined();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("level", best.level.name());
        out.put("levelRule", choice.rule());
        out.put("ctSeriesInstanceUid", best.series.seriesInstanceUid());
        out.put("modelId", best.level.model().id());
        out.put("pose", List.of(p.rx(), p.ry(), p.rz(), p.tx(), p.ty(), p.tz()));
        out.put("qualityScore", best.result.outcome().quality().score());
        out.put("lowConfidence", best.result.outcome().quality().lowConfidence());
        out.put("networkRefinementDisagreementMm", best.result.outcome().quality().disagreementMm());
        out.put("stageMs", Map.of("target", best.targetMs, "resample", best.result.resampleMs(), "predict", best.result.outcome().firstMs(),
                "refine", best.result.outcome().refineMs()));
        out.put("targetKept", best.targetKept); // the CT and vertebra from the patient's last X-ray, not read again
        // the resampled X-ray's notes begin with the X-ray's own: each is told once
        java.util.Set<String> notes = new java.util.LinkedHashSet<>(xray.notes());
        notes.addAll(best.result.resampled().notes());
        out.put("notes", List.copyOf(notes));
        send.ifPresent(id -> out.put("sendJobId", id));
        return out;
    }

    /**
     * mTRE of the result against the true pose a simulated X-ray carries for this vertebra (one {@code drr} made: the demo,
     * the benchmarks); empty for an X-ray from a patient.
     */
    private static Optional<Double> againstTruth(Path file, Registered best) {
        return XrayReader.findTruePose(file).filter(t -> t.offsetMm(best.crop.centroid()) <= XrayWriter.TruePose.SAME_VERTEBRA_MM).map(t ->
                new RegistrationMetrics(TargetPoints.of(best.crop), best.crop.centroid(), best.result.resampled().carm())
                        .error(best.result.outcome().refined(), t.pose()).mTreMm());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The pose as the outputs carry it. */
    private record VertebraRegistrationSummary(Registered r) {
        /** CT (LPS) → the exposure's frame: the patient's axes at the exposure, the C-arm's isocentre at the vertebra's CT centroid. */
        double[] ctToExposure() {
            return r.result.outcome().refined().toRigidTransform(r.crop.centroid()).toMatrix4();
        }

        RegistrationSummary summary() {
            return new RegistrationSummary(r.level.name(), r.result.outcome().quality().score(), r.result.outcome().quality().lowConfidence(),
                    r.result.outcome().refined());
        }
    }
}
