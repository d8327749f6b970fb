package dev.iii.spring.e2e;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.CallOptions;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.ReconnectPolicy;
import dev.iii.sdk.WorkerOptions;
import dev.iii.spring.autoconfigure.IIIConnectionDetails;
import dev.iii.spring.health.IIIHealthIndicator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Records what the observability guide's picture shows: the orders application serving
 * {@code orders::create} while another worker calls it every 50 ms, with the engine stopped at 3 s and
 * started again at 6 s. Writes {@code states.csv} (time, health, worker state) and {@code calls.csv} (start,
 * end, outcome) into the directory given as the first argument. A tool for the docs, not a test:
 * {@code docs/images/README.md} says how to run it.
 */
public final class EngineRestartTimeline {

    private record Sample(long atMs, String health, String state) {
    }

    private record CallRecord(long startMs, long endMs, String outcome) {
    }

    private EngineRestartTimeline() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args.length > 0 ? args[0] : "target/engine-restart");
        Files.createDirectories(directory);
        EmbeddedEngine engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        int port = engine.port();
        IIIConnectionDetails details = engine::url;
        ConfigurableApplicationContext application = new SpringApplicationBuilder(OrdersApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("timelineConnection", details))
                .properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
                        "iii.reconnect.initial-delay=200ms", "iii.reconnect.max-delay=1s",
                        "logging.level.root=WARN")
                .run();
        IIIHealthIndicator health = application.getBean(IIIHealthIndicator.class);
        IIIWorker worker = application.getBean(IIIWorker.class);
        IIIWorker caller = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("caller")
                .reconnectPolicy(new ReconnectPolicy(Duration.ofMillis(200), 2.0, Duration.ofSeconds(1), 0.3, -1))
                .build()).start();
        caller.awaitConnected(Duration.ofSeconds(20));
        while (!"UP".equals(health.health(false).getStatus().getCode())) {
            Thread.sleep(20);
        }

        List<Sample> samples = new CopyOnWriteArrayList<>();
        List<CallRecord> calls = new CopyOnWriteArrayList<>();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        long start = System.nanoTime();
        clock.scheduleAtFixedRate(() -> samples.add(new Sample(elapsed(start), health.health(false).getStatus().getCode(),
                worker.connectionState().name())), 0, 25, TimeUnit.MILLISECONDS);
        clock.scheduleAtFixedRate(() -> {
            long sent = elapsed(start);
            caller.call("orders::create", Map.of("customer", "ada", "lines", List.of(Map.of("sku", "A1", "quantity", 1))),
                    CallOptions.defaults().withTimeout(Duration.ofSeconds(5)))
                    .whenComplete((result, error) -> calls.add(new CallRecord(sent, elapsed(start), outcome(error))));
        }, 0, 50, TimeUnit.MILLISECONDS);

        Thread.sleep(3000);
        engine.close();
        Thread.sleep(3000);
        engine = EmbeddedEngine.builder().port(port).httpPort(0).build().start();
        Thread.sleep(4000);
        clock.shutdown();
        Thread.sleep(1000);

        write(directory.resolve("states.csv"), "ms,health,state", samples.stream()
                .map(s -> s.atMs() + "," + s.health() + "," + s.state()).toList());
        write(directory.resolve("calls.csv"), "start_ms,end_ms,outcome", calls.stream()
                .map(c -> c.startMs() + "," + c.endMs() + "," + c.outcome()).toList());
        caller.shutdown(Duration.ofSeconds(1));
        application.close();
        engine.close();
        System.exit(0);
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String outcome(Throwable error) {
        if (error == null) {
            return "success";
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof InvocationException invocation ? invocation.getCode() : cause.getClass().getSimpleName();
    }

    private static void write(Path file, String header, List<String> rows) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println(header);
            rows.forEach(out::println);
        }
    }
}
