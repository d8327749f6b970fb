package dev.iii.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.iii.bench.process.ChildProcesses;
import dev.iii.bench.process.ProcFs;
import dev.iii.bench.report.DocsSection;
import dev.iii.bench.report.MachineFacts;
import dev.iii.bench.report.PerformanceReport;
import dev.iii.bench.report.RunResults;
import dev.iii.bench.run.CallerKind;
import dev.iii.bench.run.ChannelThroughput;
import dev.iii.bench.run.Fleet;
import dev.iii.bench.run.IdleFootprint;
import dev.iii.bench.run.JmhSuite;
import dev.iii.bench.run.Launcher;
import dev.iii.bench.run.Layout;
import dev.iii.bench.run.LoadMatrix;
import dev.iii.bench.run.Measurement;
import dev.iii.bench.run.NodeCompression;
import dev.iii.bench.run.NodeInstall;
import dev.iii.bench.run.QuickstartStartup;
import dev.iii.bench.run.RegistrationTiming;
import dev.iii.bench.run.Variant;
import dev.iii.bench.run.WorkerKind;

/**
 * The benchmark harness ({@code benchmarks/run}): one engine from its standalone jar, every worker and caller
 * as its own process, the load matrix, the idle footprints, the registration and start-up timings, JMH, and
 * the report ({@code performance.md} and its plots). See {@code docs/performance.md}.
 */
public final class BenchmarkHarness {

    private static final int REGISTERED_FUNCTIONS = 1000;

    private BenchmarkHarness() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        }
        catch (IllegalArgumentException ex) {
            boolean help = ex.getMessage().isEmpty();
            if (!help) {
                System.err.println(ex.getMessage());
            }
            (help ? System.out : System.err).print(HarnessOptions.USAGE);
            System.exit(help ? 0 : 2);
            return;
        }
        try {
            run(options);
        }
        catch (RuntimeException ex) {
            System.err.println();
            System.err.print("The benchmark run failed: ");
            ex.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(HarnessOptions options) {
        long started = System.nanoTime();
        Path runDirectory = options.repository().resolve("benchmarks/target/bench-runs")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Layout layout = Layout.of(options.repository(), runDirectory);
        NodeInstall node = NodeInstall.locate(layout.interop());
        ProcFs proc = ProcFs.open();
        MachineFacts facts = MachineFacts.collect(options.repository(), node);
        LoadMatrix.Plan plan = options.plan();
        System.out.println("Benchmark run (" + (options.quick() ? "quick" : "full") + "): logs in " + runDirectory);

        List<Variant> variants;
        List<Measurement> measurements;
        List<IdleFootprint.Result> footprints;
        Fleet fleet;
        NodeCompression registrationNode = options.nodeModes().contains(NodeCompression.OFF) ? NodeCompression.OFF
                : NodeCompression.OFFERED;
        List<RegistrationTiming.Result> registrations;
        List<QuickstartStartup.Result> startups;
        List<ChannelThroughput.Result> channels;
        try (ChildProcesses processes = new ChildProcesses(runDirectory)) {
            Launcher launcher = new Launcher(layout, node, processes);
            Launcher.Engine engine = launcher.engine();
            System.out.println("Engine at " + engine.url() + "; starting the workers and callers");
            fleet = Fleet.start(launcher, engine, workerKinds(options.nodeModes()), callerKinds(options.nodeModes()));
            footprints = IdleFootprint.measure(fleet.workers(), proc);
            variants = variants(fleet);
            measurements = new LoadMatrix(fleet, proc, runDirectory, variants).run(plan);
            fleet.stopParticipants();
            registrations = new RegistrationTiming(launcher, engine.url(), registrationNode)
                    .run(options.sideRounds(), REGISTERED_FUNCTIONS);
            startups = new QuickstartStartup(launcher, engine.url(), runDirectory).run(options.sideRounds(), options.aotJdk());
            channels = new ChannelThroughput(launcher, engine.url()).run(options.sideRounds(), options.channelBytes());
        }
        List<JmhSuite.Score> jmh = options.jmh() == null ? List.of() : JmhSuite.run(options.jmh(), layout.java());

        RunResults results = new RunResults(options.command(), options.quick() ? "quick" : "full", plan,
                options.skippedCells(), options.maxInFlightBytes(), facts.atEnd(), proc.tickNanos(), variants,
                measurements, fleet.negotiatedExtensions(), fleet.deflateDeclined(), footprints, REGISTERED_FUNCTIONS,
                registrationNode, registrations, startups, channels, jmh, Duration.ofNanos(System.nanoTime() - started));
        write(results, options);
    }

    private static Set<WorkerKind> workerKinds(Set<NodeCompression> nodeModes) {
        Set<WorkerKind> kinds = EnumSet.noneOf(WorkerKind.class);
        for (WorkerKind kind : WorkerKind.values()) {
            boolean nodeModeWanted = kind.compression() == null || nodeModes.contains(kind.compression());
            if (nodeModeWanted && (kind.handlers() == null || kind.handlers().availableHere())) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    private static Set<CallerKind> callerKinds(Set<NodeCompression> nodeModes) {
        Set<CallerKind> kinds = EnumSet.noneOf(CallerKind.class);
        for (CallerKind kind : CallerKind.values()) {
            if (kind.compression() == null || nodeModes.contains(kind.compression())) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** The floor, then every other worker under the raw caller, then every other caller against the raw worker. */
    private static List<Variant> variants(Fleet fleet) {
        List<Variant> variants = new ArrayList<>(List.of(Variant.FLOOR));
        for (WorkerKind worker : fleet.workers().keySet()) {
            if (worker != WorkerKind.RAW) {
                variants.add(new Variant(CallerKind.RAW, worker));
            }
        }
        for (CallerKind caller : fleet.callerKinds()) {
            if (caller != CallerKind.RAW) {
                variants.add(new Variant(caller, WorkerKind.RAW));
            }
        }
        return variants;
    }

    private static void write(RunResults results, HarnessOptions options) {
        Path images = options.output().resolve("images/performance");
        try {
            Files.createDirectories(images);
            try (Stream<Path> old = Files.list(images)) {
                for (Path png : old.filter(file -> file.toString().endsWith(".png")).toList()) {
                    Files.delete(png);
                }
            }
            String generated = new PerformanceReport(results).write(images, "images/performance");
            String document = Files.readString(options.repository().resolve("docs/performance.md"));
            Path report = options.output().resolve("performance.md");
            Files.writeString(report, DocsSection.replace(document, generated));
            System.out.println("Wrote " + report + " and its plots in " + images);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
