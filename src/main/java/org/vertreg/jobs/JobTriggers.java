package org.vertreg.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.vertreg.archive.ArchiveEvents;
import org.vertreg.archive.ArchiveStorage;
import org.vertreg.dicom.DicomEvents;
import org.vertreg.dicom.Receipt;
import org.vertreg.dicom.SegmentationReader;
import org.vertreg.dicom.StorageSopClasses;

/**
 * What queues the node's jobs: a CT labelled by a segmentation queues a preparation per level (every labelled vertebra,
 * or the configured levels); an X-ray stored queues its registration. The X-ray's job is queued as its C-STORE is
 * answered; a sweep queues any stored X-ray that has none (a node stopped between the two), so none is forgotten.
 */
@ApplicationScoped
public class JobTriggers {
    private static final Logger LOG = Logger.getLogger(JobTriggers.class);

    @Inject
    JobQueue queue;
    @Inject
    JobsConfig config;
    @Inject
    ArchiveLookups archive;
    @Inject
    ArchiveStorage storage;
    @Inject
    DataSource db;
    @Inject
    ObjectMapper json;

    void onLabels(@Observes ArchiveEvents.LabelsLinked linked) {
        try {
            String segPath = archive.filePath(linked.segmentationSopInstanceUid()).orElseThrow();
            Map<Integer, String> names = SegmentationReader.segmentLabels(storage.resolve(segPath));
            List<String> wanted = config.preparation().levels().orElse(List.of()).stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
            for (Map.Entry<Integer, String> level : names.entrySet()) {
                if (wanted.isEmpty() ? !LevelChoice.isVertebra(level.getValue()) : !wanted.contains(level.getValue().toUpperCase(Locale.ROOT))) {
                    continue;
                }
                PreparationRequest r = new PreparationRequest(linked.seriesInstanceUid(), level.getKey(), level.getValue(), null, "segmentation");
                long id = queue.enqueue(NewJob.of(JobKinds.PREPARATION, json.writeValueAsString(r)).withUniqueKey(r.uniqueKey())
                        .withMaxAttempts(config.maxAttempts()));
                LOG.infof("queued preparation %d of %s in series %s", id, level.getValue(), linked.seriesInstanceUid());
            }
        } catch (Exception e) {
            LOG.errorf(e, "could not queue the preparations of series %s", linked.seriesInstanceUid());
        }
    }

    void onStored(@Observes DicomEvents.StoreAnswered stored) {
        if (stored.outcome() == Receipt.Outcome.STORED && StorageSopClasses.PROJECTION_XRAYS.contains(stored.sopClassUid())) {
            queueRegistration(stored.sopInstanceUid(), stored.callingAeTitle());
        }
    }

    /** Stored X-rays without a registration job, oldest first: the node stopped before it queued them. */
    @Scheduled(every = "60s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        String sql = """
                select i.sop_instance_uid, i.calling_ae_title from instance i
                where i.sop_class_uid = any(?) and not exists (
                  select 1 from job j where j.kind = ? and j.payload->>'sopInstanceUid' = i.sop_instance_uid)
                order by i.id limit 100""";
        List<String[]> missing = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", StorageSopClasses.PROJECTION_XRAYS.toArray()));
            s.setString(2, JobKinds.REGISTRATION);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    missing.add(new String[] {r.getString(1), r.getString(2)});
                }
            }
        } catch (Exception e) {
            LOG.warnf("could not look for X-rays without a registration: %s", e.getMessage());
            return;
        }
        missing.forEach(m -> queueRegistration(m[0], m[1]));
    }

    private void queueRegistration(String sopInstanceUid, String callingAeTitle) {
        try {
            RegistrationRequest r = new RegistrationRequest(sopInstanceUid, callingAeTitle, 0, "dicom");
            long id = queue.enqueue(NewJob.of(JobKinds.REGISTRATION, json.writeValueAsString(r)).withUniqueKey(r.uniqueKey())
                    .withMaxAttempts(config.maxAttempts()).withPriority(10));
            LOG.infof("queued registration %d of X-ray %s", id, sopInstanceUid);
        } catch (Exception e) {
            LOG.errorf(e, "could not queue the registration of X-ray %s (the sweep will)", sopInstanceUid);
        }
    }

}
