package dev.iii.sdk.internal.threads;

/**
 * Marks the stretch of a thread that runs a handler declared non-blocking on the thread that reads the engine's
 * frames. A wait there could never end when what it waits for arrives on that same thread (a call's result,
 * channel data), so the SDK's waits fail fast inside it ({@link #refuseWait}) instead of hanging the connection.
 */
public final class NonBlockingSection {

    private static final ThreadLocal<Boolean> INSIDE = new ThreadLocal<>();

    private NonBlockingSection() {
    }

    /** Runs {@code body} marked as non-blocking; sections do not nest (a reading thread runs one handler at a time). */
    public static void run(Runnable body) {
        INSIDE.set(Boolean.TRUE);
        try {
            body.run();
        }
        finally {
            INSIDE.remove();
        }
    }

    /**
     * Throws when the calling thread is inside a section.
     *
     * @param what the wait refused, for the message, e.g. {@code "join() on a call's future"}
     * @throws IllegalStateException inside a section
     */
    public static void refuseWait(String what) {
        if (INSIDE.get() != null) {
            throw new IllegalStateException(what + " would block the thread that reads the engine's frames: a "
                    + "handler declared non-blocking must not wait; return the future (compose it) instead, or "
                    + "register the function without nonBlocking");
        }
    }
}
