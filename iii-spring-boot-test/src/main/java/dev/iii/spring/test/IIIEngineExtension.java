package dev.iii.spring.test;

import dev.iii.engine.EmbeddedEngine;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * An embedded iii engine for tests without Spring: one engine on random loopback ports per test class, and
 * an {@link IIITestClient} on it, both injected into test and lifecycle methods that declare them.
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
public class IIIEngineExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private EmbeddedEngine engine;
    private IIITestClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        engine = EmbeddedEngine.builder().host("127.0.0.1").port(0).httpPort(0).build().start();
        client = new IIITestClient(engine);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (client != null) {
                client.close();
            }
        }
        finally {
            if (engine != null) {
                engine.close();
            }
            client = null;
            engine = null;
        }
    }

    /** The engine of the running test class. */
    public EmbeddedEngine engine() {
        return requireStarted(engine);
    }

    /** The test client of the running test class. */
    public IIITestClient client() {
        return requireStarted(client);
    }

    private static <T> T requireStarted(T value) {
        if (value == null) {
            throw new IllegalStateException("the iii engine runs from beforeAll to afterAll of the test class");
        }
        return value;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedEngine.class || type == IIITestClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedEngine.class ? engine() : client();
    }
}
