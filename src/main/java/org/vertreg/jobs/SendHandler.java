package org.vertreg.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vertreg.archive.ArchiveStorage;
import org.vertreg.dicom.AeTitle;
import org.vertreg.dicom.DicomConfig;
import org.vertreg.dicom.StoreResult;
import org.vertreg.dicom.StoreScu;

/**
 * Sends a registration's stored outputs by C-STORE. A destination that is down or refuses fails the attempt, which is
 * retried with backoff; the outputs stay in the archive whatever happens, and a send retried by hand sends them again.
 */
@ApplicationScoped
public class SendHandler implements JobHandler {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    ArchiveLookups archive;
    @Inject
    ArchiveStorage storage;
    @Inject
    DicomConfig dicom;
    @Inject
    ObjectMapper json;

    @Override
    public String kind() {
        return JobKinds.SEND;
    }

    @Override
    public JobResult run(JobContext context) throws Exception {
        SendRequest request = json.readValue(context.job().payload(), SendRequest.class);
        List<Path> files = new ArrayList<>();
        for (String sop : request.sopInstanceUids()) {
            files.add(storage.resolve(archive.filePath(sop)
                    .orElseThrow(() -> new PermanentJobFailure("output " + sop + " is no longer in the archive"))));
        }
        context.progress("sending " + files.size() + " object(s) to " + request.aeTitle() + " at " + request.host() + ":" + request.port());
        StoreScu scu = new StoreScu(new AeTitle(dicom.aeTitle()), CONNECT_TIMEOUT, READ_TIMEOUT);
        List<StoreResult> results = scu.send(new StoreScu.RemoteAe(request.host(), request.port(), new AeTitle(request.aeTitle())), files);
        List<String> refused = results.stream().filter(r -> !r.isSuccess() && !r.isWarning())
                .map(r -> r.sopInstanceUid() + String.format(" status %04X", r.status()) + (r.errorComment() == null ? "" : " (" + r.errorComment() + ")"))
                .toList();
        if (!refused.isEmpty()) {
            throw new IllegalStateException(request.aeTitle() + " refused " + String.join(", ", refused));
        }
        return JobResult.completed(json.writeValueAsString(Map.of("sentTo", request.aeTitle(), "instances", request.sopInstanceUids())));
    }
}
