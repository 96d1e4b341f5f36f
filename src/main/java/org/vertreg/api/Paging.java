package org.vertreg.api;

import io.quarkus.panache.common.Page;
import jakarta.ws.rs.BadRequestException;

/** Offset paging with a bound, so no request can ask for the whole archive at once. */
final class Paging {
    static final int MAX_LIMIT = 500;

    private Paging() {
    }

    static Page of(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("offset must be >= 0 and limit between 1 and " + MAX_LIMIT);
        }
        if (offset % limit != 0) {
            throw new BadRequestException("offset must be a multiple of limit");
        }
        return Page.of(offset / limit, limit);
    }
}
