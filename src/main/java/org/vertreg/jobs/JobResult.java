package org.vertreg.jobs;

import java.time.Instant;
import java.util.Objects;

/** How a handler's run ended, short of an exception. */
public sealed interface JobResult {

    /** Done; {@code json} (an object) is merged into the job's state data for whoever reads the job. */
    record Completed(String json) implements JobResult {
        public Completed {
            Objects.requireNonNull(json, "json");
        }
    }

    /** Not yet possible (an input is still being prepared): run again at {@code until}, the attempt not counted. */
    record Waiting(Instant until, String reason) implements JobResult {
        public Waiting {
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(reason, "reason");
        }
    }

    static JobResult completed() {
        return new Completed("{}");
    }

    static JobResult completed(String json) {
        return new Completed(json);
    }
}
