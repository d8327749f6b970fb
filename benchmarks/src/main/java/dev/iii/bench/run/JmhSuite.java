package dev.iii.bench.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.iii.bench.jmh.MessageCodecBenchmark;
import dev.iii.bench.jmh.PayloadBinderBenchmark;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of the codec and the binder in a forked JVM (the harness's Java and class path), with
 * JMH's allocation profiler.
 */
public final class JmhSuite {

    /**
     * One benchmark with one set of parameters.
     *
     * @param benchmark       {@code Class.method}
     * @param parameters      {@code name=value} pairs, or empty
     * @param nanosPerOp      average time per operation
     * @param error           half-width of JMH's 99.9% confidence interval
     * @param bytesPerOp      bytes allocated per operation, NaN when not reported
     */
    public record Score(String benchmark, String parameters, double nanosPerOp, double error, double bytesPerOp) {
    }

    /**
     * How long JMH measures.
     *
     * @param warmups      warm-up iterations
     * @param measurements measured iterations
     * @param iteration    length of each
     */
    public record Settings(int warmups, int measurements, TimeValue iteration) {
    }

    private JmhSuite() {
    }

    public static List<Score> run(Settings settings, String java) {
        System.out.println("== JMH: codec and binder");
        Options options = new OptionsBuilder()
                .include(Pattern.quote(MessageCodecBenchmark.class.getName()) + "\\.")
                .include(Pattern.quote(PayloadBinderBenchmark.class.getName()) + "\\.")
                .forks(1)
                .warmupIterations(settings.warmups())
                .warmupTime(settings.iteration())
                .measurementIterations(settings.measurements())
                .measurementTime(settings.iteration())
                .timeUnit(TimeUnit.NANOSECONDS)
                .addProfiler(GCProfiler.class)
                .jvm(java)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> runs;
        try {
            runs = new Runner(options).run();
        }
        catch (RunnerException ex) {
            throw new IllegalStateException("JMH failed", ex);
        }
        List<Score> results = new ArrayList<>();
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            String benchmark = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            String parameters = run.getParams().getParamsKeys().stream()
                    .map(key -> key + "=" + run.getParams().getParam(key)).collect(Collectors.joining(", "));
            Result<?> primary = run.getPrimaryResult();
            results.add(new Score(benchmark, parameters, primary.getScore(), primary.getScoreError(),
                    allocation(run)));
        }
        return results;
    }

    /** Bytes per operation from the GC profiler; JMH's API hands secondary results out with a raw type. */
    @SuppressWarnings("rawtypes")
    private static double allocation(RunResult run) {
        return run.getSecondaryResults().entrySet().stream().filter(entry -> entry.getKey().endsWith("gc.alloc.rate.norm"))
                .mapToDouble(entry -> entry.getValue().getScore()).findFirst().orElse(Double.NaN);
    }
}
