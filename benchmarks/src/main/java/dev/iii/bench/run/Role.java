package dev.iii.bench.run;

import java.util.Locale;

/** The three processes every call goes through. */
public enum Role {
    ENGINE, WORKER, CALLER;

    /** {@code engine}, {@code worker}, {@code caller}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
