package dev.iii.sdk.internal.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.iii.sdk.RegistrationProblem;
import dev.iii.sdk.discovery.FunctionInfo;
import dev.iii.sdk.discovery.TriggerTypeInfo;
import dev.iii.sdk.internal.registry.RegistrationProblems;
import dev.iii.sdk.internal.registry.Registry;
import dev.iii.sdk.internal.registry.SentBinding;
import dev.iii.sdk.internal.transport.ConnectionListener;
import dev.iii.sdk.internal.transport.EngineLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After every confirmed connection, asks the engine whether what the worker holds is in effect: every function
 * it serves should be listed as this worker's ({@code engine::functions::list}), and every binding it sent should
 * have a provider for its trigger type ({@code engine::triggers::list}); the engine holds a binding without one
 * and says nothing to the worker. While something is missing, the check runs again every half minute, so that a
 * provider that arrives later clears its bindings.
 */
public final class RegistrationCheck implements ConnectionListener {

    static final Duration RECHECK = Duration.ofSeconds(30);
    private static final String DEFAULT_NAMESPACE = "default";
    private static final Logger log = LoggerFactory.getLogger(RegistrationCheck.class);

    private final Discovery discovery;
    private final Registry registry;
    private final RegistrationProblems problems;
    private final ScheduledExecutorService timer;
    private final String workerName;
    private final String namespace;
    private EngineLink link;
    private ScheduledFuture<?> recheck;

    /** @param namespace the worker's namespace, or {@code null} for the engine's default */
    public RegistrationCheck(Discovery discovery, Registry registry, RegistrationProblems problems,
            ScheduledExecutorService timer, String workerName, String namespace) {
        this.discovery = discovery;
        this.registry = registry;
        this.problems = problems;
        this.timer = timer;
        this.workerName = workerName;
        this.namespace = namespace != null ? namespace : DEFAULT_NAMESPACE;
    }

    @Override
    public void connected(EngineLink connected) {
        synchronized (this) {
            link = connected;
        }
        run();
    }

    @Override
    public synchronized void lost(EngineLink gone) {
        if (link == gone) {
            link = null;
            cancelRecheck();
            problems.forgetCheck();
        }
    }

    @Override
    public synchronized void failed(Throwable cause) {
        link = null;
        cancelRecheck();
    }

    /** Checks now; completes with the problems found (registry's and check's together). */
    public CompletableFuture<List<RegistrationProblem>> run() {
        EngineLink checking;
        synchronized (this) {
            checking = link;
            cancelRecheck();
        }
        if (checking == null) {
            return CompletableFuture.completedFuture(problems.current());
        }
        if (registry.functionsToCheck().isEmpty() && registry.bindingsSentOn(checking).isEmpty()) {
            problems.checked(List.of());
            return CompletableFuture.completedFuture(problems.current());
        }
        CompletableFuture<List<FunctionInfo>> functions = discovery.list("engine::functions::list",
                Map.of("include_internal", true), "functions", FunctionInfo.class);
        CompletableFuture<List<TriggerTypeInfo>> types = discovery.list("engine::triggers::list", "triggers",
                TriggerTypeInfo.class);
        return functions.thenCombine(types, (listed, provided) -> compare(checking, listed, provided))
                .handle((found, error) -> {
                    if (error != null) {
                        log.debug("registration check failed: {}", error.toString());
                        return problems.current();
                    }
                    problems.checked(found);
                    scheduleRecheckIf(checking, !found.isEmpty());
                    return problems.current();
                });
    }

    private List<RegistrationProblem> compare(EngineLink checking, List<FunctionInfo> listed,
            List<TriggerTypeInfo> provided) {
        List<RegistrationProblem> found = new ArrayList<>();
        for (String functionId : registry.functionsToCheck()) {
            FunctionInfo entry = listed.stream().filter(info -> info.functionId().equals(functionId)
                    && Objects.equals(orDefault(info.namespace()), namespace)).findFirst().orElse(null);
            if (entry == null) {
                found.add(new RegistrationProblem(RegistrationProblem.Kind.FUNCTION_NOT_LIVE, functionId, null, null,
                        "engine::functions::list does not list it in namespace " + namespace));
            }
            else if (!workerName.equals(entry.workerName())) {
                found.add(new RegistrationProblem(RegistrationProblem.Kind.FUNCTION_NOT_LIVE, functionId, null, null,
                        "engine::functions::list lists it as worker " + entry.workerName() + "'s"));
            }
        }
        for (SentBinding binding : registry.bindingsSentOn(checking)) {
            boolean providedSomewhere = provided.stream().anyMatch(type -> type.id().equals(binding.triggerType())
                    && (binding.triggerNamespace() == null || binding.triggerNamespace().equals(orDefault(type.namespace()))));
            if (!providedSomewhere) {
                found.add(new RegistrationProblem(RegistrationProblem.Kind.BINDING_PENDING, binding.functionId(),
                        binding.id(), binding.triggerType(), "no worker provides trigger type " + binding.triggerType()
                                + " yet; the engine holds the binding until one does"));
            }
        }
        return found;
    }

    private synchronized void scheduleRecheckIf(EngineLink checked, boolean needed) {
        if (!needed || link != checked) {
            return;
        }
        cancelRecheck();
        try {
            recheck = timer.schedule(this::run, RECHECK.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException ex) {
            log.debug("no recheck: the worker's timer is shut down");
        }
    }

    private void cancelRecheck() {
        if (recheck != null) {
            recheck.cancel(false);
            recheck = null;
        }
    }

    private static String orDefault(String namespace) {
        return namespace == null ? DEFAULT_NAMESPACE : namespace;
    }
}
