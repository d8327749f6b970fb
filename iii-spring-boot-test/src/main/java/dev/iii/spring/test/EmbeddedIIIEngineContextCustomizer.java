package dev.iii.spring.test;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.spring.autoconfigure.IIIConnectionDetails;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts an embedded engine for one application context and registers it, with the
 * {@link IIIConnectionDetails} pointing at it and an {@link IIITestClient}, as beans. Both are destroyed
 * with the context's other beans, after the application's worker has stopped. A record, so equal
 * settings mean an equal customizer and Spring's test context cache reuses the context.
 *
 * @param httpPort port of the engine's {@code http} trigger listener; 0 picks a free one
 */
record EmbeddedIIIEngineContextCustomizer(int httpPort) implements ContextCustomizer {

    static final String ENGINE_BEAN_NAME = "iiiTestEmbeddedEngine";
    static final String CONNECTION_DETAILS_BEAN_NAME = "iiiTestConnectionDetails";
    static final String CLIENT_BEAN_NAME = "iiiTestClient";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        EmbeddedEngine engine = EmbeddedEngine.builder().host("127.0.0.1").port(0).httpPort(httpPort).build().start();
        IIIConnectionDetails connection = engine::url;
        IIITestClient client = new IIITestClient(engine);
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerSingleton(ENGINE_BEAN_NAME, engine);
        beans.registerSingleton(CONNECTION_DETAILS_BEAN_NAME, connection);
        beans.registerSingleton(CLIENT_BEAN_NAME, client);
        // Destroyed in reverse order: the client leaves, then the engine stops.
        beans.registerDisposableBean(ENGINE_BEAN_NAME, engine::close);
        beans.registerDisposableBean(CLIENT_BEAN_NAME, client::close);
    }
}
