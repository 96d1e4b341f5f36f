package org.vertreg.archive;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.vertreg.dicom.CtSliceReader;
import org.vertreg.imaging.AssemblyResult;
import org.vertreg.imaging.AssemblyTolerances;
import org.vertreg.imaging.CtSlice;
import org.vertreg.imaging.NiftiWriter;
import org.vertreg.imaging.SliceStackAssembler;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

/**
 * Turns CT series that have gone quiet into volumes ({@code volumes/<series>.nii.gz}, LPS, HU) or marks
 * them unusable with the reason. The status change is conditional on the series still holding the
 * instances that were read: one arriving meanwhile changes the count, and the work is redone later.
 */
@ApplicationScoped
public class SeriesAssembler {
    private static final Logger LOG = Logger.getLogger(SeriesAssembler.class);

    @Inject
    ArchiveConfig config;
    @Inject
    ArchiveStorage storage;
    @Inject
    EntityManager em;
    @Inject
    Event<Object> events;
    @Inject
    MeterRegistry metrics;
    @Inject
    SegmentationLinker segmentations;
    @Inject
    Clock clock;

    record QuietSeries(long id, String uid, int instanceCount) {
    }

    @Scheduled(every = "${vertreg.archive.assembly-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void assembleQuietSeries() {
        for (QuietSeries series : findQuietSeries()) {
            assemble(series);
        }
        segmentations.linkPending();
    }

    List<QuietSeries> findQuietSeries() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    select s.id, s.series_instance_uid, (select count(*) from instance i where i.series_pk = s.id) from series s
                    where s.status = 'RECEIVING' and s.last_received_at < ?1
                    order by s.last_received_at""")
                    .setParameter(1, OffsetDateTime.now(clock).minus(config.quietPeriod())).getResultList();
            List<QuietSeries> quiet = new ArrayList<>();
            for (Object[] r : rows) {
                quiet.add(new QuietSeries(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).intValue()));
            }
            return quiet;
        });
    }

    void assemble(QuietSeries series) {
        long started = System.nanoTime();
        List<String> files = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select file_path from instance where series_pk = ?1 order by id", String.class)
                .setParameter(1, series.id()).getResultList());
        AssemblyResult result = readAndAssemble(files);
        boolean updated;
        if (result instanceof AssemblyResult.Assembled assembled) {
            updated = markReady(series, assembled.volume());
        } else {
            updated = markUnusable(series, ((AssemblyResult.Unusable) result).reason());
        }
        if (updated) {
            metrics.timer("vertreg.series.assembly").record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private AssemblyResult readAndAssemble(List<String> files) {
        List<CtSlice> slices = new ArrayList<>();
        for (String relative : files) {
            File file = storage.resolve(relative).toFile();
            try {
                slices.addAll(CtSliceReader.read(file));
            } catch (Exception e) {
                // The reason goes to the REST API and the audit trail: the instance's name, not the archive's folders.
                String why = String.valueOf(e.getMessage()).replace(file.getPath() + ": ", "").replace(file.getPath(), file.getName());
                return new AssemblyResult.Unusable("instance " + file.getName() + " cannot be read: " + why);
            }
        }
        AssemblyTolerances tolerances = AssemblyTolerances.of(config.spacingToleranceMm(), config.orientationTolerance(),
                config.maxSliceGapRatio());
        return new SliceStackAssembler(tolerances).assemble(slices);
    }

    private boolean markReady(QuietSeries series, Volume volume) {
        Path target;
        try {
            target = storage.replaceVolumeFile(series.uid() + ".nii.gz", file -> NiftiWriter.write(volume, file));
        } catch (IOException e) {
            LOG.errorf("cannot write the volume of series %s: %s", series.uid(), e.getMessage());
            return false; // stays RECEIVING; retried on the next pass
        }
        VolumeGrid g = volume.grid();
        String dims = g.nx() + "x" + g.ny() + "x" + g.nz();
        String spacing = String.format(Locale.ROOT, "%.4f\\%.4f\\%.4f", g.spacing()[0], g.spacing()[1], g.spacing()[2]);
        int changed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                update series set status = 'READY', status_reason = null, volume_path = ?2, volume_dims = ?3,
                  volume_spacing = ?4, assembled_at = ?6
                where id = ?1 and status = 'RECEIVING' and (select count(*) from instance i where i.series_pk = ?1) = ?5""")
                .setParameter(1, series.id()).setParameter(2, storage.root().relativize(target).toString())
                .setParameter(3, dims).setParameter(4, spacing).setParameter(5, series.instanceCount())
                .setParameter(6, OffsetDateTime.now(clock)).executeUpdate());
        if (changed == 1) {
            LOG.infof("series %s assembled: %s voxels, spacing %s mm", series.uid(), dims, spacing);
            events.fire(new ArchiveEvents.SeriesAssembled(series.uid(), dims, spacing));
        }
        return changed == 1;
    }

    private boolean markUnusable(QuietSeries series, String reason) {
        int changed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                update series set status = 'UNUSABLE', status_reason = ?2, assembled_at = ?4
                where id = ?1 and status = 'RECEIVING' and (select count(*) from instance i where i.series_pk = ?1) = ?3""")
                .setParameter(1, series.id()).setParameter(2, reason).setParameter(3, series.instanceCount())
                .setParameter(4, OffsetDateTime.now(clock)).executeUpdate());
        if (changed == 1) {
            LOG.warnf("series %s is unusable: %s", series.uid(), reason);
            events.fire(new ArchiveEvents.SeriesUnusable(series.uid(), reason));
        }
        return changed == 1;
    }
}
