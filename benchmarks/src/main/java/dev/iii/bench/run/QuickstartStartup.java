package dev.iii.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.iii.bench.process.ChildProcess;

/**
 * Times the quickstart sample from starting its JVM to ready: the readiness group of its actuator health, which
 * includes the {@code iii} indicator, answers UP (the worker is CONNECTED: the engine confirmed its
 * registrations). The sample joins the run's engine ({@code --iii.url}, so it starts no engine of its own)
 * and serves HTTP on a free loopback port; the harness polls every 10 ms. Each round is a cold start, stopped
 * with SIGTERM before the next. Each round starts the sample twice, as it ships and with its worker switched
 * off, so that the difference is what the worker adds to Spring Boot's own start. Given a JDK 25 or later, the
 * same rounds run again on it with an AOT cache (JEP 483) per application that one training start, run until
 * ready and stopped, wrote on its way out (JEP 514).
 */
public final class QuickstartStartup {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
    /** Writing the cache at the end of the training start takes a few seconds; this bounds it. */
    private static final Duration TRAINING_EXIT_TIMEOUT = Duration.ofSeconds(180);

    /** How a round starts its JVM. */
    public enum Start {
        /** The run's JVM with its default options. */
        DEFAULT_JVM("default JVM options"),
        /** The {@code --aot-jdk} JDK with the AOT cache of the training start. */
        AOT_CACHE("JDK 25+ AOT cache");

        private final String label;

        Start(String label) {
            this.label = label;
        }

        /** How the report names it. */
        public String label() {
            return label;
        }
    }

    /** What a round starts. */
    public enum Application {
        /** The sample as it ships: readiness waits for the {@code iii} indicator. */
        WITH_WORKER("quickstart", "", List.of()),
        /** The same application and class path with {@code iii.enabled=false}: Spring Boot's start alone. */
        WITHOUT_WORKER("quickstart, worker off (`--iii.enabled=false`)", "-no-worker",
                List.of("--iii.enabled=false", "--management.endpoint.health.group.readiness.include=readinessState"));

        private final String label;
        private final String suffix;
        private final List<String> arguments;

        Application(String label, String suffix, List<String> arguments) {
            this.label = label;
            this.suffix = suffix;
            this.arguments = arguments;
        }

        /** How the report names it. */
        public String label() {
            return label;
        }

        /** Arguments after the sample's main class. */
        public List<String> arguments() {
            return arguments;
        }

        /** {@code quickstart}, this application's suffix, then {@code rest}: its process and file names. */
        String name(String rest) {
            return "quickstart" + suffix + rest;
        }
    }

    /** One cold start: milliseconds from starting the JVM until readiness answered UP. */
    public record Result(Start start, Application application, int round, double readyMs) {
    }

    private final Launcher launcher;
    private final String engineUrl;
    private final Path runDirectory;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    public QuickstartStartup(Launcher launcher, String engineUrl, Path runDirectory) {
        this.launcher = launcher;
        this.engineUrl = engineUrl;
        this.runDirectory = runDirectory;
    }

    /**
     * {@code rounds} rounds on the run's JVM; then, when {@code aotJdk} is given, a training start per application
     * and as many rounds on it.
     */
    public List<Result> run(int rounds, Path aotJdk) {
        int applications = Application.values().length;
        Progress progress = new Progress("quickstart start-up",
                applications * (aotJdk == null ? rounds : 2 * rounds + 1));
        List<Result> results = new ArrayList<>(rounds(Start.DEFAULT_JVM, rounds, null, application -> List.of(), progress));
        if (aotJdk != null) {
            String java = aotJdk.resolve("bin/java").toString();
            Map<Application, Path> caches = new EnumMap<>(Application.class);
            for (Application application : Application.values()) {
                Path cache = runDirectory.resolve(application.name(".aot"));
                train(application, java, cache);
                caches.put(application, cache);
                progress.step("training start: wrote " + cache.getFileName());
            }
            results.addAll(rounds(Start.AOT_CACHE, rounds, java,
                    application -> List.of("-XX:AOTCache=" + caches.get(application)), progress));
        }
        return results;
    }

    // The applications alternate within a round, so that a machine that slows down weighs on both alike.
    private List<Result> rounds(Start start, int rounds, String java, Function<Application, List<String>> jvmOptions,
            Progress progress) {
        List<Result> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Application application : Application.values()) {
                String name = application.name("-" + (start == Start.AOT_CACHE ? "aot-" : "") + round);
                int port = freePort();
                long started = System.nanoTime();
                try (ChildProcess quickstart = launcher.quickstart(name, engineUrl, port, java,
                        jvmOptions.apply(application), application.arguments())) {
                    awaitReady(quickstart, port, started);
                }
                Result result = new Result(start, application, round, (System.nanoTime() - started) / 1e6);
                results.add(result);
                progress.step(String.format("%s, %s, round %d: ready after %.0f ms", start.label(), application.label(),
                        round, result.readyMs()));
            }
        }
        return results;
    }

    /** A start that runs until ready and is then stopped, so that its JVM writes the AOT cache as it exits. */
    private void train(Application application, String java, Path cache) {
        int port = freePort();
        try (ChildProcess training = launcher.quickstart(application.name("-aot-training"), engineUrl, port, java,
                List.of("-XX:AOTCacheOutput=" + cache), application.arguments())) {
            awaitReady(training, port, System.nanoTime());
            training.process().destroy();
            if (!training.process().waitFor(TRAINING_EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    || !Files.isRegularFile(cache)) {
                throw training.failure("wrote no AOT cache at " + cache + " (is " + java + " a JDK 25 or later?)");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    private void awaitReady(ChildProcess quickstart, int port, long started) {
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        long deadline = started + READY_TIMEOUT.toNanos();
        while (!ready(readiness)) {
            if (!quickstart.process().isAlive()) {
                throw quickstart.failure("exited before it was ready");
            }
            if (System.nanoTime() > deadline) {
                throw quickstart.failure("was not ready after " + READY_TIMEOUT.toSeconds() + " s");
            }
            sleep();
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
