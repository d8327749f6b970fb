package dev.iii.bench.run;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.iii.bench.party.HandlerThreads;
import dev.iii.bench.party.RawCaller;
import dev.iii.bench.party.RawEchoWorker;
import dev.iii.bench.party.SdkCaller;
import dev.iii.bench.party.SdkEchoWorker;
import dev.iii.bench.process.ChildProcess;
import dev.iii.bench.spring.SpringEchoWorker;

/**
 * The engine and every worker and caller of the load matrix, all connected at once for the whole matrix, so
 * that rounds can alternate between them. Idle ones cost nothing measurable: CPU is counted per process.
 */
public final class Fleet {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Launcher.Engine engine;
    private final Map<WorkerKind, ChildProcess> workers;
    private final Map<CallerKind, ChildProcess> callers;
    private final Map<String, String> negotiatedExtensions;
    private final boolean deflateDeclined;

    private Fleet(Launcher.Engine engine, Map<WorkerKind, ChildProcess> workers, Map<CallerKind, ChildProcess> callers,
            Map<String, String> negotiatedExtensions, boolean deflateDeclined) {
        this.engine = engine;
        this.workers = workers;
        this.callers = callers;
        this.negotiatedExtensions = negotiatedExtensions;
        this.deflateDeclined = deflateDeclined;
    }

    /**
     * Starts the workers and callers on {@code engine} and waits until each is connected. A Node process that
     * offered {@code permessage-deflate} and was refused runs uncompressed, like the {@code compression off}
     * one: it is stopped and left out (see {@link #deflateDeclined()}). One that offered nothing and still got
     * an extension stops the run.
     */
    public static Fleet start(Launcher launcher, Launcher.Engine engine, Set<WorkerKind> workerKinds,
            Set<CallerKind> callerKinds) {
        Map<WorkerKind, ChildProcess> workers = new EnumMap<>(WorkerKind.class);
        for (WorkerKind kind : workerKinds) {
            workers.put(kind, startWorker(launcher, engine.url(), kind));
        }
        Map<CallerKind, ChildProcess> callers = new EnumMap<>(CallerKind.class);
        for (CallerKind kind : callerKinds) {
            callers.put(kind, startCaller(launcher, engine.url(), kind));
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        workers.forEach((kind, process) -> ready(process, kind.compression(), extensions));
        callers.forEach((kind, process) -> ready(process, kind.compression(), extensions));
        boolean declined = removeDeclined(workers, WorkerKind::compression, extensions)
                | removeDeclined(callers, CallerKind::compression, extensions);
        return new Fleet(engine, workers, callers, extensions, declined);
    }

    private static <K> boolean removeDeclined(Map<K, ChildProcess> processes, Function<K, NodeCompression> compression,
            Map<String, String> extensions) {
        boolean declined = false;
        for (Iterator<Map.Entry<K, ChildProcess>> it = processes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<K, ChildProcess> entry = it.next();
            if (compression.apply(entry.getKey()) == NodeCompression.OFFERED
                    && !extensions.get(entry.getValue().name()).contains("permessage-deflate")) {
                System.out.println(entry.getValue().name() + ": the engine declined permessage-deflate; left out");
                entry.getValue().close();
                it.remove();
                declined = true;
            }
        }
        return declined;
    }

    private static ChildProcess startWorker(Launcher launcher, String url, WorkerKind kind) {
        String name = "worker-" + kind.key();
        return switch (kind) {
            case RAW -> launcher.java(name, RawEchoWorker.class, url, "bench-" + name, kind.functionId());
            case SDK, SDK_NON_BLOCKING, SDK_VIRTUAL -> launcher.java(name, SdkEchoWorker.class, url, "bench-" + name,
                    kind.functionId(), kind.handlers().argument());
            case SPRING, SPRING_NON_BLOCKING, SPRING_VIRTUAL -> launcher.java(name, SpringEchoWorker.class,
                    "--iii.url=" + url, "--bench.function-id=" + kind.functionId(),
                    "--spring.application.name=bench-" + name,
                    "--bench.non-blocking=" + (kind.handlers() == HandlerThreads.NON_BLOCKING),
                    "--spring.threads.virtual.enabled=" + (kind.handlers() == HandlerThreads.VIRTUAL));
            case NODE, NODE_DEFLATE -> launcher.node(name, "echo-worker.mjs", kind.compression(), url, "bench-" + name,
                    kind.functionId());
        };
    }

    private static ChildProcess startCaller(Launcher launcher, String url, CallerKind kind) {
        String name = "caller-" + kind.key();
        return switch (kind) {
            case RAW -> launcher.java(name, RawCaller.class, url);
            case SDK -> launcher.java(name, SdkCaller.class, url, "bench-" + name);
            case NODE, NODE_DEFLATE -> launcher.node(name, "caller.mjs", kind.compression(), url, "bench-" + name);
        };
    }

    /** Waits for the process's {@code ready}; notes the WebSocket extensions a Node process negotiated. */
    private static void ready(ChildProcess process, NodeCompression compression, Map<String, String> extensions) {
        String negotiated = process.awaitReply("ready", READY_TIMEOUT).path("extensions").asString();
        if (compression == null) {
            return;
        }
        if (compression == NodeCompression.OFF && !negotiated.isEmpty()) {
            throw process.failure("negotiated '" + negotiated + "' although it offered no extension");
        }
        extensions.put(process.name(), negotiated);
    }

    public Launcher.Engine engine() {
        return engine;
    }

    public ChildProcess worker(WorkerKind kind) {
        return workers.get(kind);
    }

    public ChildProcess caller(CallerKind kind) {
        return callers.get(kind);
    }

    public Map<WorkerKind, ChildProcess> workers() {
        return workers;
    }

    public Set<CallerKind> callerKinds() {
        return callers.keySet();
    }

    /** Whether the engine declined a Node process's {@code permessage-deflate} offer (so no deflate rows). */
    public boolean deflateDeclined() {
        return deflateDeclined;
    }

    /** The WebSocket extensions each Node process negotiated, by process name ({@code ""}: none). */
    public Map<String, String> negotiatedExtensions() {
        return negotiatedExtensions;
    }

    /** Ends the workers and callers (the engine stays up). */
    public void stopParticipants() {
        callers.values().forEach(ChildProcess::close);
        workers.values().forEach(ChildProcess::close);
    }
}
