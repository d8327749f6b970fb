package dev.iii.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants the way the real engine's cron payload does (chrono's {@code to_rfc3339}): UTC with a
 * {@code +00:00} offset and as many fractional digits as needed (none, 3, 6 or 9).
 */
final class Rfc3339 {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Rfc3339() {
    }

    static String format(Instant instant) {
        int nanos = instant.getNano();
        String fraction;
        if (nanos == 0) {
            fraction = "";
        }
        else if (nanos % 1_000_000 == 0) {
            fraction = String.format(".%03d", nanos / 1_000_000);
        }
        else if (nanos % 1_000 == 0) {
            fraction = String.format(".%06d", nanos / 1_000);
        }
        else {
            fraction = String.format(".%09d", nanos);
        }
        return SECONDS.format(instant) + fraction + "+00:00";
    }
}
