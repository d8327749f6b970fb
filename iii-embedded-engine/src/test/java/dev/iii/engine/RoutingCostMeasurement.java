package dev.iii.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.RawJson;
import dev.iii.protocol.RegisterFunction;
import dev.iii.protocol.TriggerAction;

/**
 * A measurement to run by hand, not a test: how much the embedded engine costs per routed invocation. It starts
 * the engine as a process of its own (so its CPU time is the process's), connects a raw WebSocket echo worker
 * and a raw WebSocket caller (JDK {@link WebSocket}, the protocol codec and nothing else), and for 100 B and
 * 1 MiB payloads at 1 and 64 invocations in flight reports invocations per second, the engine's CPU time per
 * routed invocation and the payload bytes it routed per second (request and result frame each count once); on
 * Linux also the share of that CPU time spent in the kernel (sockets, wake-ups), which no change to the engine's
 * Java code removes.
 * <p>
 * The figures depend on the machine and on whatever else runs on it; compare runs made back to back. To
 * compare two builds of the engine, give each run its classes with {@code --engine-classpath} (the engine's
 * and the protocol's classes, then this classpath's libraries).
 * <pre>
 * ./mvnw -B -q -pl iii-embedded-engine -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/measure.classpath -Dmdep.includeScope=test
 * java -cp "iii-embedded-engine/target/test-classes:iii-embedded-engine/target/classes:$(cat iii-embedded-engine/target/measure.classpath)" \
 *     dev.iii.engine.RoutingCostMeasurement [--seconds 5] [--warmup 3] [--rounds 3] [--payloads 100,1048576] \
 *     [--in-flight 1,64] [--engine-jvm-args "-XX:StartFlightRecording=filename=engine.jfr"] [--engine-classpath CP]
 * </pre>
 */
public final class RoutingCostMeasurement {

    private static final String ECHO = "measure::echo";
    private static final int SMALL = 100;
    private static final int LARGE = 1024 * 1024;

    private final MessageCodec codec = new MessageCodec();

    private RoutingCostMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int seconds = Integer.parseInt(options.getOrDefault("--seconds", "5"));
        int warmup = Integer.parseInt(options.getOrDefault("--warmup", "3"));
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "3"));
        String engineJvmArgs = options.getOrDefault("--engine-jvm-args", "");
        String engineClasspath = options.getOrDefault("--engine-classpath", System.getProperty("java.class.path"));
        int[] sizes = ints(options.getOrDefault("--payloads", SMALL + "," + LARGE));
        int[] inFlights = ints(options.getOrDefault("--in-flight", "1,64"));
        new RoutingCostMeasurement().run(seconds, warmup, rounds, engineJvmArgs, engineClasspath, sizes, inFlights);
    }

    private void run(int seconds, int warmup, int rounds, String engineJvmArgs, String engineClasspath, int[] sizes,
            int[] inFlights) throws Exception {
        try (EngineProcess engine = EngineProcess.start(engineJvmArgs, engineClasspath);
                RawSocket worker = RawSocket.open(engine.url);
                RawSocket caller = RawSocket.open(engine.url)) {
            worker.onMessage(message -> {
                if (message instanceof InvokeFunction call && call.invocationId() != null) {
                    worker.send(InvocationResult.success(call.invocationId(), call.functionId(), call.data()));
                }
            });
            worker.send(InvokeFunction.call(null, "engine::workers::register", RawJson.parse(
                    "{\"name\":\"measure-echo\",\"runtime\":\"java\",\"pid\":" + ProcessHandle.current().pid() + "}"),
                    null, null, null, new TriggerAction.Void(), null));
            worker.send(new RegisterFunction(ECHO, "echo", null, null, null, null));
            Calls calls = new Calls(caller);
            calls.awaitRegistered(ECHO);

            System.out.printf("engine JVM args: %s; engine log: %s%n%d rounds of %d s after %d s of warm-up; engine CPU is "
                    + "its process's CPU time; median [lowest-highest]%n%n", engineJvmArgs.isBlank() ? "(none)" : engineJvmArgs,
                    engine.log, rounds, seconds, warmup);
            System.out.printf("%-9s %9s %20s %20s %18s %9s%n", "payload", "in flight", "invocations/s",
                    "engine µs/inv", "routed MB/s", "kernel %");
            for (int size : sizes) {
                RawJson payload = payload(size);
                for (int inFlight : inFlights) {
                    calls.drive(payload, inFlight, Duration.ofSeconds(warmup), engine);
                    List<Result> results = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        results.add(calls.drive(payload, inFlight, Duration.ofSeconds(seconds), engine));
                    }
                    print(size, inFlight, results);
                }
            }
        }
    }

    private static void print(int size, int inFlight, List<Result> results) {
        double[] rates = results.stream().mapToDouble(Result::invocationsPerSecond).sorted().toArray();
        double[] cpu = results.stream().mapToDouble(Result::engineMicrosPerInvocation).sorted().toArray();
        double[] mbs = results.stream().mapToDouble(r -> r.invocationsPerSecond() * 2.0 * size / 1e6).sorted().toArray();
        double[] kernel = results.stream().mapToDouble(Result::kernelShare).sorted().toArray();
        System.out.printf("%-9s %9d %20s %20s %18s %9s%n", size + " B", inFlight, spread(rates, 0), spread(cpu, 1),
                spread(mbs, 1), Double.isNaN(kernel[0]) ? "n/a" : String.format("%.0f", 100 * median(kernel)));
    }

    /** Median, with the lowest and highest round in brackets. */
    private static String spread(double[] sorted, int decimals) {
        String format = "%." + decimals + "f";
        return String.format(format + " [" + format + "–" + format + "]", median(sorted), sorted[0],
                sorted[sorted.length - 1]);
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static RawJson payload(int size) {
        String prefix = "{\"p\":\"";
        String suffix = "\"}";
        char[] filler = new char[size - prefix.length() - suffix.length()];
        Arrays.fill(filler, 'x');
        return RawJson.parse(prefix + new String(filler) + suffix);
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new ConcurrentHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    /**
     * One measured round.
     *
     * @param invocationsPerSecond      completed invocations per second of wall time
     * @param engineMicrosPerInvocation engine process CPU time per completed invocation
     * @param kernelShare               part of that CPU time spent in the kernel, NaN where unknown
     */
    private record Result(double invocationsPerSecond, double engineMicrosPerInvocation, double kernelShare) {
    }

    /** The caller: keeps a fixed number of invocations in flight and counts the results. */
    private final class Calls {

        private final RawSocket socket;
        private final Map<UUID, CompletableFuture<InvocationResult>> waiting = new ConcurrentHashMap<>();
        private volatile Runnable onResult = () -> {
        };

        Calls(RawSocket socket) {
            this.socket = socket;
            socket.onMessage(message -> {
                if (message instanceof InvocationResult result) {
                    CompletableFuture<InvocationResult> future = waiting.remove(result.invocationId());
                    if (future != null) {
                        future.complete(result);
                    }
                    else {
                        onResult.run();
                    }
                }
            });
        }

        void awaitRegistered(String functionId) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                InvocationResult info = callOnce("engine::functions::info",
                        RawJson.parse("{\"function_id\":\"" + functionId + "\"}"));
                if (info.error() == null) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException(functionId + " was never registered");
        }

        private InvocationResult callOnce(String functionId, RawJson data) {
            UUID id = UUID.randomUUID();
            CompletableFuture<InvocationResult> answer = new CompletableFuture<>();
            waiting.put(id, answer);
            socket.send(InvokeFunction.call(id, functionId, data, null, null, null, null, null));
            return answer.orTimeout(20, TimeUnit.SECONDS).join();
        }

        /** Keeps {@code inFlight} echo calls going for {@code duration}, then waits for the stragglers. */
        Result drive(RawJson payload, int inFlight, Duration duration, EngineProcess engine) throws InterruptedException {
            AtomicLong completed = new AtomicLong();
            AtomicLong outstanding = new AtomicLong();
            long end = System.nanoTime() + duration.toNanos();
            Object done = new Object();
            onResult = () -> {
                completed.incrementAndGet();
                if (System.nanoTime() < end) {
                    send(payload);
                }
                else if (outstanding.decrementAndGet() == 0) {
                    synchronized (done) {
                        done.notifyAll();
                    }
                }
            };
            long cpuBefore = engine.cpuNanos();
            long[] ticksBefore = engine.userAndKernelTicks();
            long start = System.nanoTime();
            outstanding.set(inFlight);
            for (int i = 0; i < inFlight; i++) {
                send(payload);
            }
            synchronized (done) {
                while (outstanding.get() > 0) {
                    done.wait(1000);
                }
            }
            long elapsed = System.nanoTime() - start;
            long cpu = engine.cpuNanos() - cpuBefore;
            long[] ticks = engine.userAndKernelTicks();
            long count = completed.get();
            double kernel = ticks == null || ticksBefore == null ? Double.NaN
                    : (double) (ticks[1] - ticksBefore[1]) / Math.max(1, ticks[0] - ticksBefore[0] + ticks[1] - ticksBefore[1]);
            return new Result(count * 1e9 / elapsed, cpu / 1e3 / count, kernel);
        }

        private void send(RawJson payload) {
            socket.send(InvokeFunction.call(UUID.randomUUID(), ECHO, payload, null, null, null, null, null));
        }
    }

    /** A WebSocket with the protocol codec: sends frames in order, hands every decoded frame to one consumer. */
    private static final class RawSocket implements WebSocket.Listener, AutoCloseable {

        private final MessageCodec codec = new MessageCodec();
        private final StringBuilder text = new StringBuilder();
        private volatile Consumer<Message> consumer = message -> {
        };
        private WebSocket socket;
        private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

        static RawSocket open(String url) {
            RawSocket raw = new RawSocket();
            raw.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), raw).join();
            return raw;
        }

        void onMessage(Consumer<Message> consumer) {
            this.consumer = consumer;
        }

        /** The JDK socket takes one send at a time: each send waits for the one before it. */
        synchronized void send(Message message) {
            String frame = codec.encodeToString(message);
            tail = tail.thenCompose(previous -> socket.sendText(frame, true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                consumer.accept(codec.decode(frame));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    /** The engine as a child JVM, started from this classpath with the standalone launcher. */
    private static final class EngineProcess implements AutoCloseable {

        private final Process process;
        private final String url;
        private final Path log;

        private EngineProcess(Process process, String url, Path log) {
            this.process = process;
            this.url = url;
            this.log = log;
        }

        static EngineProcess start(String jvmArgs, String classpath) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            if (!jvmArgs.isBlank()) {
                command.addAll(Arrays.asList(jvmArgs.trim().split("\\s+")));
            }
            command.addAll(List.of("-cp", classpath, EmbeddedEngineLauncher.class.getName(),
                    "--port", "0", "--http-port", "0"));
            Path log = Files.createTempFile("iii-measure-engine", ".log");
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.startsWith("iii embedded engine listening on ws://")) {
                // the JVM may speak first (e.g. "Started recording" with -XX:StartFlightRecording)
                line = out.readLine();
            }
            if (line == null) {
                process.destroyForcibly();
                throw new IllegalStateException("the engine did not start; see " + log);
            }
            String url = line.substring(line.indexOf("ws://"), line.indexOf(' ', line.indexOf("ws://")));
            return new EngineProcess(process, url, log);
        }

        long cpuNanos() {
            return process.toHandle().info().totalCpuDuration().orElseThrow().toNanos();
        }

        /** utime and stime from {@code /proc/<pid>/stat} (Linux), in clock ticks; {@code null} elsewhere. */
        long[] userAndKernelTicks() {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
                // after the command name in parentheses: state is field 3, utime 14, stime 15
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return new long[] { Long.parseLong(fields[11]), Long.parseLong(fields[12]) };
            }
            catch (IOException | RuntimeException ex) {
                return null;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
