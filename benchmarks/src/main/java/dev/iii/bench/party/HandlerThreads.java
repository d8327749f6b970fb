package dev.iii.bench.party;

/**
 * Where a Java echo worker runs its handler: the three ways the SDK and the starter offer, so that the rows show
 * what the hand-off from the socket's thread costs.
 */
public enum HandlerThreads {

    /** The defaults: each invocation handed to the worker's handler pool (platform threads). */
    POOL("pool"),
    /** The function declared non-blocking: it runs on the thread that read the frame. */
    NON_BLOCKING("non-blocking"),
    /** Each invocation handed to a new virtual thread (Java 21 and later). */
    VIRTUAL("virtual");

    /** The first Java feature release with virtual threads. */
    public static final int VIRTUAL_THREADS_SINCE = 21;

    private final String argument;

    HandlerThreads(String argument) {
        this.argument = argument;
    }

    /** How the worker's command line names it. */
    public String argument() {
        return argument;
    }

    /** Whether the JVM this runs on can run it: the harness asks, and every Java process of a run shares its JVM. */
    public boolean availableHere() {
        return this != VIRTUAL || Runtime.version().feature() >= VIRTUAL_THREADS_SINCE;
    }

    /** The constant that {@link #argument()} names. */
    public static HandlerThreads of(String argument) {
        for (HandlerThreads threads : values()) {
            if (threads.argument.equals(argument)) {
                return threads;
            }
        }
        throw new IllegalArgumentException("unknown handler threads '" + argument + "': pool, non-blocking or virtual");
    }
}
