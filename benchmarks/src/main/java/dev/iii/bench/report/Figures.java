package dev.iii.bench.report;

import java.util.Locale;

/** How the report writes numbers: about three significant digits, ratios with two decimals. */
final class Figures {

    private Figures() {
    }

    /** {@code 18,250}, {@code 45.3}, {@code 1.27}, {@code 0.562}; {@code –} for NaN. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    /** {@code 0.91×}; {@code –} for NaN. */
    static String ratio(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    /** {@code ±3%}, {@code ±0.4%}; empty when there is no spread to show (fewer than two values). */
    static String spread(Spread spread) {
        double percent = spread.relativeHalfRange() * 100;
        if (Double.isNaN(percent) || Double.isInfinite(percent)) {
            return "";
        }
        return String.format(Locale.ROOT, percent < 10 ? " ±%.1f%%" : " ±%.0f%%", percent);
    }

    /** Bytes as GiB with one decimal. */
    static String gibibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0 / 1024.0);
    }

    /** Bytes as MiB with one decimal. */
    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0);
    }
}
