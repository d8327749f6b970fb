package dev.iii.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.iii.bench.process.ChildProcess;

/**
 * Times the quickstart sample from starting its JVM to ready: the readiness group of its actuator health, which
 * includes the {@code iii} indicator, answers UP (the worker is CONNECTED: the engine confirmed its
 * registrations). The sample joins the run's engine ({@code --iii.url}, so it starts no engine of its own)
 * and serves HTTP on a free loopback port; the harness polls every 10 ms. Each round is a cold start, stopped
 * with SIGTERM before the next.
 */
public final class QuickstartStartup {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

    /** One cold start: milliseconds from starting the JVM until readiness answered UP. */
    public record Result(int round, double readyMs) {
    }

    private final Launcher launcher;
    private final String engineUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    public QuickstartStartup(Launcher launcher, String engineUrl) {
        this.launcher = launcher;
        this.engineUrl = engineUrl;
    }

    public List<Result> run(int rounds) {
        Progress progress = new Progress("quickstart start-up", rounds);
        List<Result> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Result result = round(round);
            results.add(result);
            progress.step(String.format("round %d: ready after %.0f ms", round, result.readyMs()));
        }
        return results;
    }

    private Result round(int round) {
        int port = freePort();
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        long start = System.nanoTime();
        try (ChildProcess quickstart = launcher.quickstart("quickstart-" + round, engineUrl, port)) {
            long deadline = start + READY_TIMEOUT.toNanos();
            while (!ready(readiness)) {
                if (!quickstart.process().isAlive()) {
                    throw quickstart.failure("exited before it was ready");
                }
                if (System.nanoTime() > deadline) {
                    throw quickstart.failure("was not ready after " + READY_TIMEOUT.toSeconds() + " s");
                }
                sleep();
            }
            return new Result(round, (System.nanoTime() - start) / 1e6);
        }
    }

    private boolean ready(URI readiness) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        }
        catch (IOException notYetListening) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /** A port free on loopback right now (the sample binds it a moment later). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }
}
