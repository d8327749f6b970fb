package dev.iii.sdk;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import dev.iii.sdk.function.FunctionHandler;
import dev.iii.sdk.function.InvocationContext;
import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RawJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Serves the engine's invocations of this worker's functions: runs each handler through the dispatcher (never
 * on the socket's thread) and answers with exactly one {@code invocationresult} per invocation that has an
 * id, on the connection it came from, and none for an invocation without one.
 */
final class InvocationServer {

    /** Answers calls that reach an HTTP-invoked function over the socket, as the official SDKs do. */
    static final FunctionHandler HTTP_INVOKED = (payload, context) -> {
        throw new InvocationException(ErrorCode.FUNCTION_NOT_INVOKABLE,
                "Function is HTTP-invoked and cannot be invoked locally");
    };

    private static final Logger log = LoggerFactory.getLogger(InvocationServer.class);

    private final Map<String, FunctionHandler> handlers = new ConcurrentHashMap<>();
    private final InvocationDispatcher dispatcher;
    private final PayloadBinder binder;
    private final boolean sendStackTraces;
    private final Supplier<EngineConnection> currentConnection;

    InvocationServer(InvocationDispatcher dispatcher, PayloadBinder binder, boolean sendStackTraces,
            Supplier<EngineConnection> currentConnection) {
        this.dispatcher = dispatcher;
        this.binder = binder;
        this.sendStackTraces = sendStackTraces;
        this.currentConnection = currentConnection;
    }

    void serve(String functionId, FunctionHandler handler) {
        handlers.put(functionId, handler);
    }

    void stopServing(String functionId, FunctionHandler handler) {
        handlers.remove(functionId, handler);
    }

    /** An {@code invokefunction} arrived; called on the socket's thread, so it only hands the work on. */
    void invoked(EngineConnection connection, InvokeFunction invoke) {
        FunctionHandler handler = handlers.get(invoke.functionId());
        if (handler == null) {
            reply(connection, invoke, null, new ErrorBody(ErrorCode.FUNCTION_NOT_FOUND, "Function not found"));
            return;
        }
        boolean accepted = dispatcher.submit(new InvocationDispatcher.Task() {
            @Override
            public CompletionStage<?> run() {
                return handle(connection, handler, invoke);
            }

            @Override
            public void rejected(RejectedExecutionException cause) {
                reply(connection, invoke, null, new ErrorBody(ErrorCode.INVOCATION_FAILED,
                        "The worker's executor refused the invocation"));
            }
        });
        if (!accepted) {
            reply(connection, invoke, null, new ErrorBody(ErrorCode.INVOCATION_STOPPED, "The worker is shutting down"));
        }
    }

    private CompletionStage<?> handle(EngineConnection connection, FunctionHandler handler, InvokeFunction invoke) {
        InvocationContext context = new InvocationContext(invoke.functionId(), invoke.invocationId(), invoke.metadata(),
                invoke.traceparent(), invoke.baggage(), invoke.callerWorkerId());
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        try {
            Object returned = handler.handle(invoke.data().tree(), context);
            if (returned instanceof CompletionStage<?> stage) {
                stage.whenComplete((value, error) -> {
                    if (error != null) {
                        outcome.completeExceptionally(error);
                    }
                    else {
                        outcome.complete(value);
                    }
                });
            }
            else {
                outcome.complete(returned);
            }
        }
        catch (Throwable ex) {
            outcome.completeExceptionally(ex);
        }
        return outcome.whenComplete((value, error) -> {
            if (error != null) {
                logFailure(invoke, error);
                reply(connection, invoke, null, HandlerFailure.toErrorBody(error, sendStackTraces));
                return;
            }
            RawJson result;
            try {
                JsonNode tree = binder.toTree(value instanceof Optional<?> optional ? optional.orElse(null) : value);
                result = tree == null ? null : RawJson.of(tree);
            }
            catch (RuntimeException ex) {
                reply(connection, invoke, null, new ErrorBody(ErrorCode.SERIALIZATION_ERROR,
                        "Result of " + invoke.functionId() + " cannot be written as JSON: " + ex.getMessage()));
                return;
            }
            reply(connection, invoke, result, null);
        });
    }

    private static void logFailure(InvokeFunction invoke, Throwable error) {
        Throwable cause = HandlerFailure.unwrap(error);
        if (cause instanceof InvocationException) {
            log.debug("function {} failed: {}", invoke.functionId(), cause.toString());
        }
        else {
            log.warn("Function {} failed: {}", invoke.functionId(), cause.toString());
            log.debug("stack trace of the failure of {}", invoke.functionId(), cause);
        }
    }

    /** Results never cross to a newer connection: the engine already failed the call with {@code invocation_stopped}. */
    private void reply(EngineConnection connection, InvokeFunction invoke, RawJson result, ErrorBody error) {
        if (invoke.invocationId() == null) {
            return;
        }
        if (!connection.isOpen() || connection != currentConnection.get()) {
            log.debug("dropped the result of {} ({}): its connection is gone, the engine already answered "
                    + "invocation_stopped", invoke.functionId(), invoke.invocationId());
            return;
        }
        connection.send(new InvocationResult(invoke.invocationId(), invoke.functionId(), result, error,
                invoke.traceparent(), invoke.baggage()));
    }
}
