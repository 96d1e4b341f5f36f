package org.vertreg.archive;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;
import org.vertreg.dicom.SegmentationReader;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.NiftiWriter;
import org.vertreg.imaging.VolumeGrid;

/**
 * Gives an assembled CT its vertebra labels: the newest DICOM Segmentation that references the series
 * is resampled onto the CT's grid and kept as {@code volumes/<series>.labels.nii.gz}. Works whichever
 * arrives first, the CT or the segmentation.
 */
@ApplicationScoped
public class SegmentationLinker {
    private static final Logger LOG = Logger.getLogger(SegmentationLinker.class);

    @Inject
    ArchiveStorage storage;
    @Inject
    EntityManager em;
    @Inject
    Event<Object> events;

    record Pending(long seriesId, String seriesUid, String volumePath, String segSopUid, String segPath) {
    }

    /** Links every READY CT series whose newest referencing segmentation is not the one already linked. */
    void linkPending() {
        for (Pending p : findPending()) {
            link(p);
        }
    }

    List<Pending> findPending() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    select s.id, s.series_instance_uid, s.volume_path, seg.sop_instance_uid, seg.file_path
                    from series s
                    join lateral (select i.sop_instance_uid, i.file_path from instance i
                                  where i.referenced_series_uid = s.series_instance_uid
                                    and i.sop_class_uid = '1.2.840.10008.5.1.4.1.1.66.4'
                                  order by i.id desc limit 1) seg on true
                    where s.status = 'READY' and s.labels_source_uid is distinct from seg.sop_instance_uid""").getResultList();
            return rows.stream().map(r -> new Pending(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4])).toList();
        });
    }

    void link(Pending p) {
        try {
            VolumeGrid grid = NiftiReader.readGrid(storage.resolve(p.volumePath()));
            LabelMap labels = SegmentationReader.read(storage.resolve(p.segPath()), grid);
            Path target = storage.replaceVolumeFile(p.seriesUid() + ".labels.nii.gz", file -> NiftiWriter.write(labels, file));
            int changed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    update series set labels_path = ?2, labels_source_uid = ?3 where id = ?1 and status = 'READY'""")
                    .setParameter(1, p.seriesId()).setParameter(2, storage.root().relativize(target).toString())
                    .setParameter(3, p.segSopUid()).executeUpdate());
            if (changed == 1) {
                String present = Arrays.toString(labels.presentLabels());
                LOG.infof("series %s labelled by segmentation %s: labels %s", p.seriesUid(), p.segSopUid(), present);
                events.fire(new ArchiveEvents.LabelsLinked(p.seriesUid(), p.segSopUid(), present));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("segmentation %s cannot label series %s: %s", p.segSopUid(), p.seriesUid(), e.getMessage());
            // Recorded as the linked source so a broken segmentation is reported once, not every pass.
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update series set labels_path = null, labels_source_uid = ?2 where id = ?1")
                    .setParameter(1, p.seriesId()).setParameter(2, p.segSopUid()).executeUpdate());
            events.fire(new ArchiveEvents.LabelsUnusable(p.seriesUid(), p.segSopUid(), String.valueOf(e.getMessage())));
        }
    }
}
