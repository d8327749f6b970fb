package dev.iii.sdk;

/**
 * The entry point, in the spirit of the official SDKs' {@code registerWorker(url, options)}:
 * <pre>{@code
 * IIIWorker worker = III.registerWorker("ws://127.0.0.1:49134");
 * }</pre>
 */
public final class III {

    private III() {
    }

    /** A worker with default options for the URL in {@code III_URL}, else {@code ws://127.0.0.1:49134}, connecting. */
    public static IIIWorker registerWorker() {
        return registerWorker(WorkerOptions.defaults());
    }

    /** A worker with default options for {@code url}, connecting. */
    public static IIIWorker registerWorker(String url) {
        return registerWorker(WorkerOptions.builder().url(url).build());
    }

    /** A worker with these options, connecting in the background. */
    public static IIIWorker registerWorker(WorkerOptions options) {
        return IIIWorker.create(options).start();
    }
}
