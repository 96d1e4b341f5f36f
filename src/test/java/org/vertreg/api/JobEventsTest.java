package org.vertreg.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.vertreg.api.security.Roles;
import org.vertreg.jobs.JobQueue;
import org.vertreg.jobs.NewJob;
import org.vertreg.testing.Await;

/** The live worklist: a job queued and then cancelled arrives on the event stream as two events, in order, with their ids. */
@QuarkusTest
@TestSecurity(user = "vera", roles = Roles.VIEWER)
class JobEventsTest {
    @TestHTTPResource("/api/jobs/events?kind=sse-test")
    URL events;
    @Inject
    JobQueue queue;

    @Test
    void aJobsChangesArriveLiveInOrder() throws Exception {
        List<String> data = new CopyOnWriteArrayList<>();
        List<Long> ids = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(events.toString()))
                .header("Accept", "text/event-stream").header("Last-Event-ID", "0").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"), response.headers().toString());
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        data.add(line.substring(5).trim());
                    } else if (line.startsWith("id:")) {
                        ids.add(Long.parseLong(line.substring(3).trim()));
                    }
                }
            } catch (Exception closed) {
                // the test ended the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        // from event 0 on (Last-Event-ID), so nothing depends on when the stream opened
        queue.enqueue(NewJob.of("other-kind", "{}")); // filtered out
        long id = queue.enqueue(NewJob.of("sse-test", "{\"n\": 1}"));
        queue.cancel(id, "vera");
        Await.until(data::size, n -> n >= 2, Duration.ofSeconds(30), "two events on the stream");
        assertTrue(data.get(0).contains("\"id\":" + id) && data.get(0).contains("\"state\":\"AVAILABLE\""), data.toString());
        assertTrue(data.get(1).contains("\"id\":" + id) && data.get(1).contains("\"state\":\"CANCELLED\""), data.toString());
        assertTrue(data.stream().noneMatch(d -> d.contains("other-kind")), data.toString());
        assertTrue(ids.size() >= 2 && ids.get(0) < ids.get(1), "event ids are the changes' numbers, in order: " + ids);
        response.body().close();
    }
}
