package dev.iii.sdk.internal.telemetry;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import dev.iii.sdk.internal.transport.ConnectionListener;
import dev.iii.sdk.internal.transport.EngineLink;
import dev.iii.sdk.internal.transport.FrameWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the worker process's figures to the engine, which shows them as {@code latest_metrics} in
 * {@code engine::workers::info}: at once when a connection is confirmed (with that connection's worker id) and
 * every minute after, as the official SDKs do, until the connection is lost. Reports go on the worker's own
 * socket, which the engine reads them from as it does from {@code /otel}, so no second connection shows up as
 * a ghost worker. The timer only hands the work to an I/O thread: reading {@code /proc} is not its business.
 */
public final class MetricsReporter implements ConnectionListener {

    /** The official SDKs' export interval; the engine looks back two minutes. */
    public static final Duration PERIOD = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(MetricsReporter.class);

    private final ScheduledExecutorService timer;
    private final Executor io;
    private final String workerName;
    private final MetricsFrame frame;
    private final ProcessSampler sampler = new ProcessSampler();
    private final Object sampling = new Object();
    private volatile EngineLink link;
    private ScheduledFuture<?> ticks;

    /**
     * @param environment where {@code OTEL_SERVICE_NAME} and {@code SERVICE_VERSION} are read from, as the official
     *                    SDKs read them for the report's resource
     */
    public MetricsReporter(ScheduledExecutorService timer, Executor io, String workerName, String sdkVersion,
            UnaryOperator<String> environment) {
        this.timer = timer;
        this.io = io;
        this.workerName = workerName;
        Map<String, String> resource = new LinkedHashMap<>();
        resource.put("service.name", orDefault(environment.apply("OTEL_SERVICE_NAME"), "iii-java"));
        resource.put("service.version", orDefault(environment.apply("SERVICE_VERSION"), "unknown"));
        resource.put("service.instance.id", UUID.randomUUID().toString());
        resource.put("telemetry.sdk.language", "java");
        resource.put("telemetry.sdk.name", "iii-sdk-java");
        resource.put("telemetry.sdk.version", sdkVersion);
        long startedMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        this.frame = new MetricsFrame(resource, sdkVersion, TimeUnit.MILLISECONDS.toNanos(startedMs));
    }

    @Override
    public synchronized void connected(EngineLink connected) {
        stop();
        link = connected;
        try {
            ticks = timer.scheduleAtFixedRate(() -> handOff(connected), 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException ex) {
            log.debug("no metrics reports: the worker's timer is shut down");
        }
    }

    @Override
    public synchronized void lost(EngineLink gone) {
        if (link == gone) {
            stop();
        }
    }

    @Override
    public synchronized void failed(Throwable cause) {
        stop();
    }

    private void stop() {
        if (ticks != null) {
            ticks.cancel(false);
            ticks = null;
        }
        link = null;
    }

    private void handOff(EngineLink target) {
        try {
            io.execute(() -> report(target));
        }
        catch (RejectedExecutionException ex) {
            log.debug("metrics report skipped: the worker's I/O threads are shut down");
        }
    }

    /** One report; the sampler keeps the previous CPU reading, so reports are made one at a time. */
    private void report(EngineLink target) {
        String workerId = target.workerId();
        if (link != target || workerId == null) {
            return;
        }
        byte[] bytes;
        synchronized (sampling) {
            bytes = frame.encode(sampler.sample(), workerId, workerName,
                    TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()));
        }
        try {
            target.sendBinary(bytes);
        }
        catch (FrameWriter.QueueFullException ex) {
            log.debug("metrics report dropped: {}", ex.getMessage());
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
