package dev.iii.spring.observation;

import java.util.Locale;

import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.RegistrationProblem;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges of the worker's state: {@code iii.worker.connected} (1 or 0), {@code iii.worker.invocations.active},
 * {@code iii.worker.calls.pending}, {@code iii.worker.registration.problems} (by {@code kind}) and the counter
 * {@code iii.worker.reconnects}. Timers of invocations and
 * calls come from their observations, not from here.
 */
public class IIIWorkerMetrics implements MeterBinder {

    private final IIIWorker worker;

    public IIIWorkerMetrics(IIIWorker worker) {
        this.worker = worker;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("iii.worker.connected", worker, w -> w.connectionState() == ConnectionState.CONNECTED ? 1 : 0)
                .description("Whether the worker is connected to the engine with its registrations confirmed")
                .register(registry);
        Gauge.builder("iii.worker.invocations.active", worker, w -> w.statistics().inFlightInvocations())
                .description("Invocations running or waiting for a free slot").register(registry);
        Gauge.builder("iii.worker.calls.pending", worker, w -> w.statistics().pendingCalls())
                .description("Calls to other functions waiting for their result").register(registry);
        FunctionCounter.builder("iii.worker.reconnects", worker, w -> w.statistics().reconnectCount())
                .description("Times the worker connected again after losing its connection").register(registry);
        for (RegistrationProblem.Kind kind : RegistrationProblem.Kind.values()) {
            Gauge.builder("iii.worker.registration.problems", worker,
                    w -> w.registrationProblems().stream().filter(problem -> problem.kind() == kind).count())
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                    .description("Registrations not in effect on the engine, by kind").register(registry);
        }
    }
}
