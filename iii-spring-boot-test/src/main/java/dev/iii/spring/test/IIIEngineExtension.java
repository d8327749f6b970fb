package dev.iii.spring.test;

import dev.iii.engine.EmbeddedEngine;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * An embedded iii engine for tests without Spring: one engine on random loopback ports per test class (its
 * {@code @Nested} classes share it), and an {@link IIITestClient} on it, both injected into test and lifecycle
 * methods that declare them. Stubs are removed after each test; the engine and client are closed after the
 * class.
 * <pre>{@code
 * @ExtendWith(IIIEngineExtension.class)
 * class WorkerTests {
 *     @Test
 *     void answers(EmbeddedEngine engine, IIITestClient iii) { ... }
 * }
 * }</pre>
 * Or {@code @RegisterExtension static IIIEngineExtension iii = new IIIEngineExtension();} to reach
 * {@link #engine()} and {@link #client()} from fields.
 */
public class IIIEngineExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IIIEngineExtension.class);

    /** The running class's engine, for the accessors of a {@code @RegisterExtension} field. */
    private volatile RunningEngine current;

    @Override
    public void beforeAll(ExtensionContext context) {
        current = running(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        running(context).client().removeStubs();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getParent().flatMap(ExtensionContext::getTestClass).isEmpty()) {
            // The outermost class is done; the store closes the engine next.
            current = null;
        }
    }

    /**
     * The engine of the class being run: stored in the outermost class's store, where a {@code @Nested} class
     * finds it, and closed by JUnit when that class is done.
     */
    private static RunningEngine running(ExtensionContext context) {
        return context.getStore(NAMESPACE).computeIfAbsent(RunningEngine.class, type -> RunningEngine.start(),
                RunningEngine.class);
    }

    /** The engine of the running test class. */
    public EmbeddedEngine engine() {
        return requireStarted().engine();
    }

    /** The test client of the running test class. */
    public IIITestClient client() {
        return requireStarted().client();
    }

    private RunningEngine requireStarted() {
        RunningEngine running = current;
        if (running == null) {
            throw new IllegalStateException("the iii engine runs from beforeAll to afterAll of the test class");
        }
        return running;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedEngine.class || type == IIITestClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningEngine running = running(context);
        return parameter.getParameter().getType() == EmbeddedEngine.class ? running.engine() : running.client();
    }

    /** An engine and its client, closed together (client first) when the store that holds them closes. */
    private record RunningEngine(EmbeddedEngine engine, IIITestClient client) implements AutoCloseable {

        static RunningEngine start() {
            EmbeddedEngine engine = EmbeddedEngine.builder().host("127.0.0.1").port(0).httpPort(0).build().start();
            return new RunningEngine(engine, new IIITestClient(engine));
        }

        @Override
        public void close() {
            try {
                client.close();
            }
            finally {
                engine.close();
            }
        }
    }
}
