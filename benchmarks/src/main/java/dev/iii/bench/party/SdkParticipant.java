package dev.iii.bench.party;

import java.time.Duration;

import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.WorkerOptions;

/** How every {@code iii-sdk} participant joins the run's engine: a worker with the SDK's defaults, connected. */
final class SdkParticipant {

    private static final Duration CONNECT = Duration.ofSeconds(30);

    private SdkParticipant() {
    }

    /**
     * A worker named {@code name}, started and connected to {@code url}.
     *
     * @throws IllegalStateException when it is not connected within 30 s
     */
    static IIIWorker connect(String url, String name) throws InterruptedException {
        IIIWorker worker = IIIWorker.create(WorkerOptions.builder().url(url).name(name).build());
        worker.start();
        if (!worker.awaitConnected(CONNECT)) {
            throw new IllegalStateException("not connected after 30 s: " + worker.connectionState());
        }
        return worker;
    }
}
