package org.vertreg.api;

import io.quarkus.panache.common.Page;
import jakarta.ws.rs.BadRequestException;

/** Offset paging with a bound, so no request can ask for the whole archive at once. */
final class Paging {
    static final int MAX_LIMIT = 500;

    private Paging() {
    }

    /** Refuses (400) an offset below 0 or a limit outside 1 to {@value #MAX_LIMIT}. */
    static void checkBounds(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("offset must be >= 0 and limit between 1 and " + MAX_LIMIT);
        }
    }

    /** A page of a Panache query: within the bounds, and the offset a whole number of pages. */
    static Page of(int offset, int limit) {
        checkBounds(offset, limit);
        if (offset % limit != 0) {
            throw new BadRequestException("offset must be a multiple of limit");
        }
        return Page.of(offset / limit, limit);
    }
}
