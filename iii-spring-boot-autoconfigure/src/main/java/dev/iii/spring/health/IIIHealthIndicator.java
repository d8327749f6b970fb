package dev.iii.spring.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.RegistrationProblem;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the worker, without blocking: UP when connected with its registrations confirmed by the engine,
 * OUT_OF_SERVICE while connecting, reconnecting or draining (a transient state), while every handler slot
 * is held by a handler past its deadline (the worker can take no work) and, unless told otherwise, while one of
 * its functions is not in effect on the engine (refused because another worker owns it, or not listed); DOWN
 * once the worker has given up. The details list every registration problem with the engine's reason. Belongs in
 * the readiness group, never in liveness: restarting the application does not bring the engine back.
 */
public class IIIHealthIndicator extends AbstractHealthIndicator {

    private final IIIWorker worker;
    private final String url;
    private final int slots;
    private final boolean requireAllFunctions;

    public IIIHealthIndicator(IIIWorker worker) {
        this(worker, true);
    }

    /** @param requireAllFunctions whether a function not in effect on the engine makes the worker OUT_OF_SERVICE */
    public IIIHealthIndicator(IIIWorker worker, boolean requireAllFunctions) {
        super("iii health check failed");
        this.worker = worker;
        this.url = worker.options().safeUrl();
        this.slots = worker.options().maxConcurrentInvocations();
        this.requireAllFunctions = requireAllFunctions;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ConnectionState state = worker.connectionState();
        List<RegistrationProblem> problems = worker.registrationProblems();
        if (worker.isShuttingDown()) {
            builder.outOfService().withDetail("state", "DRAINING");
        }
        else if (state == ConnectionState.CONNECTED && worker.statistics().overdueInvocations() >= slots) {
            builder.outOfService().withDetail("state", "WEDGED")
                    .withDetail("reason", "every handler slot is held by a handler past its deadline");
        }
        else if (state == ConnectionState.CONNECTED && requireAllFunctions
                && problems.stream().anyMatch(RegistrationProblem::isFunctionProblem)) {
            builder.outOfService().withDetail("state", "FUNCTIONS_MISSING")
                    .withDetail("reason", "a function of this worker is not in effect on the engine");
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
        builder.withDetail("reconnects", worker.statistics().reconnectCount());
        builder.withDetail("invocationsInFlight", worker.statistics().inFlightInvocations());
        builder.withDetail("invocationsOverdue", worker.statistics().overdueInvocations());
        if (!problems.isEmpty()) {
            builder.withDetail("registrationProblems", problems.stream().map(IIIHealthIndicator::detail).toList());
        }
        worker.fatalError().<Throwable>map(error -> error).or(worker::lastError)
                .ifPresent(error -> builder.withDetail("lastError", String.valueOf(error.getMessage())));
    }

    private static Map<String, String> detail(RegistrationProblem problem) {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("kind", problem.kind().name());
        detail.put("function", problem.functionId());
        if (problem.bindingId() != null) {
            detail.put("trigger", problem.triggerType() + " " + problem.bindingId());
        }
        detail.put("reason", problem.reason());
        return detail;
    }
}
