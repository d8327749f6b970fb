package dev.iii.bench.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.iii.bench.party.SdkRegistrationWorker;
import dev.iii.bench.process.ChildProcess;
import tools.jackson.databind.JsonNode;

/**
 * Times registering many functions until all are callable, with the Java SDK and the Node SDK. Each round
 * starts a fresh connected worker of each SDK (alternating which goes first) that registers one batch cold
 * (the first registrations of the process) and a second batch warm, and is then stopped.
 */
public final class RegistrationTiming {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** The SDKs timed. */
    public enum Sdk {
        JAVA("iii-sdk"), NODE("Node iii-sdk");

        private final String label;

        Sdk(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One round of one SDK, in milliseconds from the first {@code registerFunction} call.
     *
     * @param registerColdMs  until the cold batch's {@code registerFunction} calls returned
     * @param callableColdMs  until the cold batch's last function answered a call
     * @param registerWarmMs  the same for the warm batch
     * @param callableWarmMs  the same for the warm batch
     */
    public record Result(Sdk sdk, int round, double registerColdMs, double callableColdMs, double registerWarmMs,
            double callableWarmMs) {
    }

    private final Launcher launcher;
    private final String engineUrl;
    private final NodeCompression nodeCompression;

    public RegistrationTiming(Launcher launcher, String engineUrl, NodeCompression nodeCompression) {
        this.launcher = launcher;
        this.engineUrl = engineUrl;
        this.nodeCompression = nodeCompression;
    }

    /** {@code rounds} rounds of {@code count} functions per batch. */
    public List<Result> run(int rounds, int count) {
        Progress progress = new Progress("registration of " + count + " functions", rounds * Sdk.values().length);
        List<Result> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<Sdk> order = round % 2 == 1 ? List.of(Sdk.JAVA, Sdk.NODE) : List.of(Sdk.NODE, Sdk.JAVA);
            for (Sdk sdk : order) {
                Result result = round(sdk, round, count);
                results.add(result);
                progress.step(String.format("%s round %d: cold %.1f ms until callable, warm %.1f ms", sdk.label(), round,
                        result.callableColdMs(), result.callableWarmMs()));
            }
        }
        return results;
    }

    private Result round(Sdk sdk, int round, int count) {
        String key = sdk.name().toLowerCase(Locale.ROOT);
        String name = "registration-" + key + "-" + round;
        try (ChildProcess process = sdk == Sdk.JAVA ? launcher.java(name, SdkRegistrationWorker.class, engineUrl, "bench-" + name)
                : launcher.node(name, "registration.mjs", nodeCompression, engineUrl, "bench-" + name)) {
            process.awaitReply("ready", TIMEOUT);
            String prefix = "bench::registration-" + key + "-" + round;
            JsonNode cold = process.request("register " + count + " " + prefix + "-cold-", TIMEOUT);
            JsonNode warm = process.request("register " + count + " " + prefix + "-warm-", TIMEOUT);
            return new Result(sdk, round, millis(cold, "register_ns"), millis(cold, "callable_ns"),
                    millis(warm, "register_ns"), millis(warm, "callable_ns"));
        }
    }

    private static double millis(JsonNode reply, String member) {
        return reply.path(member).asLong() / 1e6;
    }
}
