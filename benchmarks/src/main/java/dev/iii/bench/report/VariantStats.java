package dev.iii.bench.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;

import dev.iii.bench.run.Cell;
import dev.iii.bench.run.Measurement;
import dev.iii.bench.run.Role;
import dev.iii.bench.run.Variant;

/**
 * Every round of one variant in one cell, summarised.
 *
 * @param completed    calls completed in all rounds
 * @param errors       calls failed in all rounds
 * @param fewestPerRound the smallest number of calls completed in one round
 * @param cpuMicros    CPU time (user + system) per invocation of each process, µs
 * @param userMicros   user-mode CPU time per invocation of each process, µs
 * @param systemMicros kernel CPU time per invocation of each process, µs
 */
public record VariantStats(Variant variant, Cell cell, long completed, long errors, long fewestPerRound,
        Spread throughput, Spread p50, Spread p99, Spread p999, Map<Role, Spread> cpuMicros,
        Map<Role, Spread> userMicros, Map<Role, Spread> systemMicros) {

    public static VariantStats of(Variant variant, Cell cell, List<Measurement> rounds) {
        Map<Role, Spread> cpu = perRole(rounds, Measurement::cpuMicrosPerInvocation);
        Map<Role, Spread> user = perRole(rounds, Measurement::userMicrosPerInvocation);
        Map<Role, Spread> system = perRole(rounds, Measurement::systemMicrosPerInvocation);
        return new VariantStats(variant, cell, rounds.stream().mapToLong(Measurement::completed).sum(),
                rounds.stream().mapToLong(Measurement::errors).sum(),
                rounds.stream().mapToLong(Measurement::completed).min().orElse(0),
                Spread.of(rounds.stream().map(Measurement::invocationsPerSecond).toList()),
                Spread.of(rounds.stream().map(m -> m.latencyMillis(50)).toList()),
                Spread.of(rounds.stream().map(m -> m.latencyMillis(99)).toList()),
                Spread.of(rounds.stream().map(m -> m.latencyMillis(99.9)).toList()), cpu, user, system);
    }

    private static Map<Role, Spread> perRole(List<Measurement> rounds, ToDoubleBiFunction<Measurement, Role> figure) {
        Map<Role, Spread> spreads = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            spreads.put(role, Spread.of(rounds.stream().map(m -> figure.applyAsDouble(m, role)).toList()));
        }
        return spreads;
    }
}
