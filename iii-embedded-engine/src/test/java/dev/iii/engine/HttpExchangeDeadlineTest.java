package dev.iii.engine;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deadline of an {@code http} exchange that runs out before the exchange is even set up (a tiny timeout):
 * the exchange still answers 504, forgets its channels and completes.
 */
class HttpExchangeDeadlineTest {

    private final ImmediateTimer timer = new ImmediateTimer();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aDeadlineThatFiresAtOnceStillEndsTheExchange() {
        AtomicInteger status = new AtomicInteger();
        AtomicBoolean completed = new AtomicBoolean();
        HttpServletResponse response = proxy(HttpServletResponse.class, (method, args) -> {
            if (method.equals("setStatus")) {
                status.set((Integer) args[0]);
            }
            return null;
        });
        AsyncContext async = proxy(AsyncContext.class, (method, args) -> switch (method) {
            case "getResponse" -> response;
            case "complete" -> {
                completed.set(true);
                yield null;
            }
            default -> null;
        });
        ChannelRegistry channels = new ChannelRegistry(Duration.ofMinutes(5));
        EngineChannel request = channels.create(4);
        EngineChannel responseChannel = channels.create(4);
        request.writerFinished(true);
        // The worst interleaving, forced: the timer runs its task before schedule() returns, and the step runs
        // on the same thread.
        Executor direct = Runnable::run;
        HttpExchange exchange = new HttpExchange(async, request, responseChannel, null, channels, direct,
                timer, 1);
        exchange.start();

        assertThat(status.get()).isEqualTo(504);
        assertThat(completed).isTrue();
        assertThat(channels.size()).isZero();
        assertThat(timer.scheduled.isCancelled()).isTrue();
    }

    private interface Handler {
        Object handle(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            Object value = handler.handle(method.getName(), args);
            Class<?> returned = method.getReturnType();
            if (value != null || !returned.isPrimitive() || returned == void.class) {
                return value;
            }
            return returned == boolean.class ? false : returned == long.class ? 0L : 0;
        });
    }

    /**
     * Runs a scheduled task at once, inside {@code schedule}, and hands back a future (of a task that does nothing)
     * that the exchange must cancel.
     */
    private static final class ImmediateTimer extends ScheduledThreadPoolExecutor {

        volatile ScheduledFuture<?> scheduled;

        ImmediateTimer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            command.run();
            scheduled = super.schedule(() -> { }, 1, TimeUnit.HOURS);
            return scheduled;
        }
    }
}
