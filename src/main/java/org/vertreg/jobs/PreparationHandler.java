package org.vertreg.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.vertreg.archive.ArchiveStorage;
import org.vertreg.geometry.Vector3;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.imaging.VertebraCrop;
import org.vertreg.imaging.Volume;
import org.vertreg.model.store.ModelRecord;
import org.vertreg.model.store.ModelStore;
import org.vertreg.model.store.ModelWriter;
import org.vertreg.training.VertebraTraining;

/**
 * Prepares one vertebra of a CT series: trains its patient-specific pose model ({@link VertebraTraining}, the configured
 * preset, anatomy and time budget) into the model store. Its checkpoints live in {@code training/<series>/<level>} of the
 * archive, so an attempt after a restart resumes where the last one stopped, its time budget counted over both.
 */
@ApplicationScoped
public class PreparationHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(PreparationHandler.class);
    /** The region around a planner's point, as {@code register --centroid} projects it. */
    static final double[] POINT_BOX_MM = {80, 80, 80};

    @Inject
    ArchiveLookups archive;
    @Inject
    ArchiveStorage storage;
    @Inject
    ModelStore models;
    @Inject
    JobsConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    JobQueue queue;
    @Inject
    RegistrationTargets targets;
    @Inject
    org.vertreg.model.prediction.WarmModels warmModels;

    @Override
    public String kind() {
        return JobKinds.PREPARATION;
    }

    @Override
    public JobResult run(JobContext context) throws Exception {
        PreparationRequest request = json.readValue(context.job().payload(), PreparationRequest.class);
        ArchiveLookups.CtSeries series = archive.series(request.seriesInstanceUid())
                .orElseThrow(() -> new PermanentJobFailure("no series " + request.seriesInstanceUid() + " in the archive"));
        if (!"READY".equals(series.status()) || series.volumePath() == null) {
            throw new PermanentJobFailure("series " + series.seriesInstanceUid() + " is " + series.status()
                    + (series.statusReason() == null ? "" : ": " + series.statusReason()) + "; only an assembled CT can be prepared");
        }
        context.progress("reading the CT");
        Volume ct = NiftiReader.readVolume(storage.resolve(series.volumePath()));
        CroppedVertebra crop = crop(storage, ct, series, request);
        ProjectedAnatomy anatomy = request.point() != null ? ProjectedAnatomy.WHOLE_CT : ProjectedAnatomy.fromLabel(config.preparation().anatomy());
        JobsConfig.Preparation p = config.preparation();
        VertebraTraining.Plan plan = VertebraTraining.Plan.recommended(p.preset(), p.budget(), p.samples(), p.validationSamples(), anatomy);
        if (p.epochs().isPresent()) {
            plan = plan.withEpochs(p.epochs().get());
        }
        Path work = Files.createDirectories(storage.trainingFolder().resolve(series.seriesInstanceUid())
                .resolve(Integer.toString(request.level())));
        ModelRecord model = modelOfAnEarlierAttempt(context).orElse(null);
        if (model == null) {
            model = models.startTraining(series.seriesInstanceUid(), request.level(), p.preset());
            context.keep(json.writeValueAsString(Map.of("modelId", model.id())));
        }
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        long began = System.nanoTime();
        progress.scheduleWithFixedDelay(() -> report(context, request, work, began), 0, 10, TimeUnit.SECONDS);
        try {
            VertebraTraining.Outcome outcome = VertebraTraining.train(ct, crop, plan, work, ModelWriter.completing(models, model.id()));
            keepForTheFirstXray(series, request, anatomy, ct, crop, model.id());
            int woken = queue.wakeWaiting(JobKinds.REGISTRATION); // X-rays that came before their model need not wait their next look
            LOG.infof("prepared %s of series %s (%d waiting X-ray(s) woken): model %d, validation mTRE %.2f mm", request.levelName(),
                    series.seriesInstanceUid(), woken, model.id(),
                    outcome.validation().mTreMm());
            Map<String, Object> result = new java.util.LinkedHashMap<>();
            result.put("modelId", model.id());
            result.put("levelName", request.levelName());
            result.put("validationMeanTreMm", outcome.validation().mTreMm());
            result.put("validationMedianTreMm", outcome.validationMedianTreMm());
            result.put("anatomy", anatomy.label());
            result.put("epochs", outcome.result().epochsCompleted());
            return JobResult.completed(json.writeValueAsString(result));
        } catch (Exception | Error e) {
            models.fail(model.id(), String.valueOf(e.getMessage()));
            throw e;
        } finally {
            progress.shutdownNow();
        }
    }

    /**
     * The patient's first X-ray finds the level ready as the next ones do: its target (the CT in memory now) kept, its model
     * loaded. Only a help: a failure here leaves the registration to read and load them itself.
     */
    private void keepForTheFirstXray(ArchiveLookups.CtSeries series, PreparationRequest request, ProjectedAnatomy anatomy, Volume ct,
                                     CroppedVertebra crop, long modelId) {
        try {
            targets.get(targetName(series, request, anatomy), targetFiles(storage, series, request),
                    () -> new RegistrationTargets.Target(crop, anatomy.select(ct, crop)));
            warmModels.get(modelId);
        } catch (Exception e) {
            LOG.warnf("model %d of %s not made ready for its first X-ray (it will be at that X-ray): %s", modelId, request.levelName(), e.getMessage());
        }
    }

    /** The name a prepared level's target is kept under: series, level, point, and what its model projects. */
    static String targetName(ArchiveLookups.CtSeries series, PreparationRequest request, ProjectedAnatomy anatomy) {
        return series.seriesInstanceUid() + "/" + request.level() + "/" + java.util.Arrays.toString(request.point()) + "/" + anatomy.label();
    }

    /** The archive files a prepared level's target is made from: the CT, and its labels unless a point gives the vertebra. */
    static List<Path> targetFiles(ArchiveStorage storage, ArchiveLookups.CtSeries series, PreparationRequest request) {
        Path volume = storage.resolve(series.volumePath());
        return request.point() == null && series.labelsPath() != null ? List.of(volume, storage.resolve(series.labelsPath())) : List.of(volume);
    }

    /**
     * The store's model an earlier attempt started and left TRAINING (its node stopped): this attempt resumes its
     * checkpoints and completes that model rather than leaving it behind.
     */
    private java.util.Optional<ModelRecord> modelOfAnEarlierAttempt(JobContext context) throws Exception {
        com.fasterxml.jackson.databind.JsonNode kept = json.readTree(context.job().stateData()).get("modelId");
        if (kept == null) {
            return java.util.Optional.empty();
        }
        return models.find(kept.asLong()).filter(m -> m.status() == org.vertreg.model.store.ModelStatus.TRAINING);
    }

    /**
     * The vertebra a preparation names, in its CT: the region around its point as it is, else its label in the series'
     * segmentation. The registration crops by the same rule, so it projects what the model was trained on.
     */
    static CroppedVertebra crop(ArchiveStorage storage, Volume ct, ArchiveLookups.CtSeries series, PreparationRequest request)
            throws java.io.IOException {
        if (request.point() != null) {
            double[] x = request.point();
            return VertebraCrop.byCentroid(ct, new Vector3(x[0], x[1], x[2]), POINT_BOX_MM);
        }
        if (series.labelsPath() == null) {
            throw new PermanentJobFailure("series " + series.seriesInstanceUid() + " has no segmentation: give the level a point");
        }
        LabelMap labels = NiftiReader.readLabels(storage.resolve(series.labelsPath())).onGrid(ct.grid());
        try {
            return VertebraCrop.byLabel(ct, labels, request.level());
        } catch (IllegalArgumentException e) {
            throw new PermanentJobFailure("level " + request.levelName() + " (label " + request.level() + "): " + e.getMessage(), e);
        }
    }

    /** "training L3: 2 epochs, 3.1 of 5.0 min": epochs from the trainer's log beside its checkpoints. */
    private void report(JobContext context, PreparationRequest request, Path work, long began) {
        try {
            Path log = work.resolve("training.csv");
            long epochs = Files.exists(log) ? Math.max(0, Files.readAllLines(log).size() - 1) : 0;
            context.progress(String.format(Locale.ROOT, "training %s: %d epoch(s) done, %.1f of %.1f min", request.levelName(), epochs,
                    (System.nanoTime() - began) / 6e10, config.preparation().budget().toSeconds() / 60.0));
        } catch (Exception e) {
            LOG.debugf("progress of %s not reported: %s", request.levelName(), e.getMessage());
        }
    }
}
