package dev.iii.bench.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.iii.bench.process.ChildProcess;
import dev.iii.bench.process.ChildProcesses;

/**
 * Starts the processes of a run: the engine from its standalone jar, Java participants with the harness's
 * own class path, Node participants with the pinned SDK, and the quickstart from its jar. Java processes run
 * with the JVM's default options unless a measurement sets some; every address is loopback and every port
 * random.
 */
public final class Launcher {

    private static final String ENGINE_ANNOUNCEMENT = "iii embedded engine listening on ";
    private static final String QUICKSTART_MAIN = "dev.iii.samples.quickstart.QuickstartApplication";

    private final Layout layout;
    private final NodeInstall node;
    private final ChildProcesses processes;

    public Launcher(Layout layout, NodeInstall node, ChildProcesses processes) {
        this.layout = layout;
        this.node = node;
        this.processes = processes;
    }

    /** A running engine and its worker URL. */
    public record Engine(ChildProcess process, String url) {
    }

    /** Starts the embedded engine on random loopback ports and waits until it accepts connections. */
    public Engine engine() {
        ChildProcess engine = processes.start("engine", List.of(layout.java(), "-jar", layout.engineJar().toString(),
                "--host", "127.0.0.1", "--port", "0", "--http-port", "0"), Map.of(), false);
        String announced = engine.awaitLine(ENGINE_ANNOUNCEMENT, Duration.ofSeconds(60));
        return new Engine(engine, announced.substring(0, announced.indexOf(' ')));
    }

    /** Starts {@code main} of this module in its own JVM. */
    public ChildProcess java(String name, Class<?> main, String... args) {
        return java(name, List.of(), main, args);
    }

    /** Starts {@code main} of this module in its own JVM with {@code jvmOptions}. */
    public ChildProcess java(String name, List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(layout.java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", layout.classPath(), main.getName()));
        command.addAll(List.of(args));
        return processes.start(name, command, Map.of(), true);
    }

    /** Starts one of {@code benchmarks/node}'s scripts with the pinned SDK. */
    public ChildProcess node(String name, String script, NodeCompression compression, String... args) {
        List<String> command = new ArrayList<>(List.of("node", "--expose-gc", layout.nodeScripts().resolve(script).toString()));
        command.addAll(List.of(args));
        return processes.start(name, command, Map.of("III_SDK_MODULE", node.sdkModule(),
                "BENCH_WS_COMPRESSION", compression.environmentValue(), "OTEL_ENABLED", "false"), true);
    }

    /**
     * Starts the quickstart sample from its jar and dependencies on {@code engineUrl}, its web server on
     * {@code port}, with {@code java} ({@code null}: the run's), {@code jvmOptions} and {@code arguments} after
     * the ones that place it.
     */
    public ChildProcess quickstart(String name, String engineUrl, int port, String java, List<String> jvmOptions,
            List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(java != null ? java : layout.java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", layout.quickstart(), QUICKSTART_MAIN, "--iii.url=" + engineUrl,
                "--iii.embedded.enabled=false", "--server.address=127.0.0.1", "--server.port=" + port));
        command.addAll(arguments);
        return processes.start(name, command, Map.of(), false);
    }
}
