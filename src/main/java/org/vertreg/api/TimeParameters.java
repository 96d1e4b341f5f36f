package org.vertreg.api;

import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Times given as query parameters: ISO-8601 instants, or where a whole day will do, dates. A malformed one is a 400 naming it. */
final class TimeParameters {
    private TimeParameters() {
    }

    static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " is an ISO-8601 instant such as 2026-12-06T10:00:00Z, not '" + value + "'");
        }
    }

    /** An instant, or a date: its start in the node's time zone (for an exclusive {@code end}, the next day's); null when blank. */
    static Instant instantOrDay(String name, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(value.strip());
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new BadRequestException(name + " is an ISO-8601 instant (2026-12-06T10:00:00Z) or date (2026-12-06), not '" + value + "'");
            }
        }
    }
}
