package dev.iii.spring.lifecycle;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.Registration;
import dev.iii.spring.diagnostics.EngineUnreachableException;
import dev.iii.spring.endpoint.FunctionEndpointRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.ClassUtils;

/**
 * Runs the worker with the application. Start (after the web server): register the function catalog (unless
 * the worker runs for calls only), connect, publish events as the connection changes. Stop (before the web server's graceful
 * drain): refuse new invocations, drain those in flight within the grace period, withdraw the
 * registrations, close. While running, a non-daemon thread keeps a headless application alive; when the worker
 * fails for good (its name refused, its retries used up) and that thread is what keeps the process alive (no web
 * server, {@code main} has returned, no other non-daemon thread), the application exits with status 1, so that
 * whatever supervises it sees the failure and can restart it. Anywhere else (a web application, a test JVM, a
 * {@code main} that goes on), the failure is logged and the process is left alone.
 */
public class IIIWorkerLifecycle implements SmartLifecycle, ApplicationContextAware {

    /** After the web server starts ({@code MAX - 2048}), before its graceful drain ({@code MAX - 1024}). */
    public static final int PHASE = Integer.MAX_VALUE - 512;

    private static final Log log = LogFactory.getLog(IIIWorkerLifecycle.class);
    /** Named, not referenced: the web server module is optional. */
    private static final Set<String> WAITING_THREADS = Set.of("DestroyJavaVM", "keep-alive");
    private static final String WEB_SERVER_CONTEXT = "org.springframework.boot.web.server.context.WebServerApplicationContext";

    private final IIIWorker worker;
    private final FunctionEndpointRegistry endpoints;
    private final ApplicationEventPublisher events;
    private final Duration gracePeriod;
    private final Object monitor = new Object();
    private volatile boolean running;
    private Registration stateListener;
    private Registration problemsListener;
    private CountDownLatch keepAlive;
    private volatile Thread keepAliveThread;
    private ConfigurableApplicationContext context;
    private Duration failFastTimeout;

    /**
     * @param endpoints the catalog to serve; {@code null} runs the worker for calls only
     */
    public IIIWorkerLifecycle(IIIWorker worker, FunctionEndpointRegistry endpoints, ApplicationEventPublisher events,
            Duration gracePeriod) {
        this.worker = worker;
        this.endpoints = endpoints;
        this.events = events;
        this.gracePeriod = gracePeriod;
    }

    /**
     * Makes {@link #start()} wait until the worker is connected, and fail with
     * {@link EngineUnreachableException} when it is not within {@code timeout}.
     */
    public void setFailFast(Duration timeout) {
        this.failFastTimeout = timeout;
    }

    @Override
    public void start() {
        synchronized (monitor) {
            if (running) {
                return;
            }
            if (worker.isShuttingDown()) {
                throw new IllegalStateException("the iii worker was stopped and cannot start again; restart the application");
            }
            if (endpoints != null) {
                endpoints.registerWith(worker);
            }
            stateListener = worker.addConnectionStateListener(this::connectionChanged);
            problemsListener = worker.onRegistrationProblems(
                    problems -> events.publishEvent(new IIIRegistrationProblemsEvent(worker, problems)));
            worker.start();
            running = true;
            keepAlive = new CountDownLatch(1);
            startKeepAliveThread(keepAlive);
        }
        if (failFastTimeout != null) {
            awaitConnected(failFastTimeout);
        }
        if (endpoints != null) {
            log.info("iii worker started with " + endpoints.endpoints().size() + " function(s)");
        }
        else {
            log.info("iii worker started for calls only (iii.enabled=false): its functions are not served");
        }
        events.publishEvent(new IIIWorkerStartedEvent(worker));
    }

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) {
        if (applicationContext instanceof ConfigurableApplicationContext configurable) {
            this.context = configurable;
        }
    }

    private void awaitConnected(Duration timeout) {
        boolean connected;
        try {
            connected = worker.awaitConnected(timeout);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            connected = false;
        }
        if (!connected) {
            String reason = worker.fatalError().<Throwable>map(error -> error).or(worker::lastError)
                    .map(Throwable::getMessage).orElse(null);
            stop();
            throw new EngineUnreachableException(worker.options().safeUrl(), timeout, reason);
        }
    }

    private void connectionChanged(ConnectionState state, Throwable cause) {
        events.publishEvent(new IIIWorkerConnectionEvent(worker, state));
        if (state == ConnectionState.FAILED) {
            // The exit thread starts first: with the keep-alive gone first, the JVM could end with status 0.
            if (running && context != null && !servesWeb(context) && keepsTheProcessAlive()) {
                exitWithFailure(cause);
            }
            // Nothing left to keep the application alive for.
            releaseKeepAlive();
        }
    }

    /** Exits from a thread of its own: the context's shutdown stops this worker, whose threads report here. */
    private void exitWithFailure(Throwable cause) {
        log.error("The iii worker failed for good (" + (cause != null ? cause.getMessage() : "no cause") + ") and "
                + "this application serves nothing else: exiting with status 1");
        Thread exit = new Thread(() -> System.exit(SpringApplication.exit(context, () -> 1)), "iii-exit");
        exit.setDaemon(false);
        exit.start();
    }

    /** Whether the application runs a web server, which keeps it useful (and alive) without the worker. */
    private static boolean servesWeb(ApplicationContext context) {
        return ClassUtils.getAllInterfacesForClassAsSet(context.getClass()).stream()
                .anyMatch(type -> type.getName().equals(WEB_SERVER_CONTEXT));
    }

    /**
     * Whether the keep-alive thread is the only non-daemon thread left, as in a headless worker after {@code main};
     * the JVM's own {@code DestroyJavaVM} and Spring Boot's {@code keep-alive} ({@code spring.main.keep-alive}) do
     * not count, since they only wait as well.
     */
    private boolean keepsTheProcessAlive() {
        Thread holder = keepAliveThread;
        return holder != null && Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread != holder && !thread.isDaemon() && thread.isAlive()
                        && !WAITING_THREADS.contains(thread.getName()));
    }

    /** A headless application has no other non-daemon thread; this one holds it up while the worker runs. */
    private void startKeepAliveThread(CountDownLatch latch) {
        Thread thread = new Thread(() -> {
            try {
                latch.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "iii-keep-alive");
        thread.setDaemon(false);
        keepAliveThread = thread;
        thread.start();
    }

    private void releaseKeepAlive() {
        synchronized (monitor) {
            if (keepAlive != null) {
                keepAlive.countDown();
            }
        }
    }

    @Override
    public void stop() {
        synchronized (monitor) {
            if (!running) {
                return;
            }
            running = false;
        }
        try {
            events.publishEvent(new IIIWorkerStoppingEvent(worker));
            worker.shutdown(gracePeriod);
            events.publishEvent(new IIIWorkerStoppedEvent(worker));
        }
        finally {
            if (problemsListener != null) {
                problemsListener.unregister();
            }
            if (stateListener != null) {
                stateListener.unregister();
            }
            releaseKeepAlive();
        }
    }

    @Override
    public void stop(Runnable callback) {
        try {
            stop();
        }
        finally {
            callback.run();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public boolean isAutoStartup() {
        return true;
    }

    @Override
    public boolean isPauseable() {
        return false;
    }
}
