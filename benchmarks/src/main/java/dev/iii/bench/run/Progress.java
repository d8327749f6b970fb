package dev.iii.bench.run;

import java.time.Duration;

/** Prints one line per step of a stage, with the count and the time the rest should take. */
public final class Progress {

    private final String stage;
    private final int total;
    private final long startNanos = System.nanoTime();
    private int done;

    public Progress(String stage, int total) {
        this.stage = stage;
        this.total = total;
        System.out.println("== " + stage + ": " + total + " step(s)");
    }

    /** Counts one finished step and prints it. */
    public void step(String what) {
        done++;
        long elapsed = System.nanoTime() - startNanos;
        Duration left = Duration.ofNanos(elapsed / done * (total - done));
        System.out.printf("[%s %d/%d, %s left] %s%n", stage, done, total, format(left), what);
    }

    private static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }
}
