package dev.iii.spring.health;

import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.IIIWorker;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the worker, without blocking: UP when connected with its registrations confirmed by the engine,
 * OUT_OF_SERVICE while connecting, reconnecting or draining (a transient state) and while every handler slot
 * is held by a handler past its deadline (the worker can take no work), DOWN once the worker has given up.
 * Belongs in the readiness group, never in liveness: restarting the application does not bring the engine
 * back.
 */
public class IIIHealthIndicator extends AbstractHealthIndicator {

    private final IIIWorker worker;
    private final String url;
    private final int slots;

    public IIIHealthIndicator(IIIWorker worker) {
        super("iii health check failed");
        this.worker = worker;
        this.url = worker.options().safeUrl();
        this.slots = worker.options().maxConcurrentInvocations();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ConnectionState state = worker.connectionState();
        if (worker.isShuttingDown()) {
            builder.outOfService().withDetail("state", "DRAINING");
        }
        else if (state == ConnectionState.CONNECTED && worker.overdueInvocations() >= slots) {
            builder.outOfService().withDetail("state", "WEDGED")
                    .withDetail("reason", "every handler slot is held by a handler past its deadline");
        }
        else if (state == ConnectionState.CONNECTED) {
            builder.up().withDetail("state", state.name());
        }
        else if (state == ConnectionState.FAILED) {
            builder.down().withDetail("state", state.name());
        }
        else {
            builder.outOfService().withDetail("state", state.name());
        }
        builder.withDetail("url", url);
        worker.workerId().ifPresent(id -> builder.withDetail("workerId", id));
        builder.withDetail("functions", worker.functionIds().size());
        builder.withDetail("triggers", worker.triggers().size());
        builder.withDetail("reconnects", worker.reconnectCount());
        builder.withDetail("invocationsInFlight", worker.inFlightInvocations());
        builder.withDetail("invocationsOverdue", worker.overdueInvocations());
        worker.fatalError().<Throwable>map(error -> error).or(worker::lastError)
                .ifPresent(error -> builder.withDetail("lastError", String.valueOf(error.getMessage())));
    }
}
