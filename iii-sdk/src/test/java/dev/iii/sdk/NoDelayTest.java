package dev.iii.sdk;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import dev.iii.sdk.internal.transport.NoDelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nagle's algorithm off on the Tomcat client's socket: with it on, every frame over Tomcat's 8 KiB buffer waited
 * about 40 ms for a delayed acknowledgement (the figures are in the benchmark harness; here, that it is set).
 */
class NoDelayTest {

    private TestEngine engine;

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    @Test
    void isSetOnTheSocketUnderASessionOfTomcatsClient() throws Exception {
        engine = TestEngine.start();
        WebSocketSession session = new StandardWebSocketClient().execute(new TextWebSocketHandler(), null,
                URI.create(engine.url())).get(20, TimeUnit.SECONDS);
        try {
            assertThat(NoDelay.enable(session)).isTrue();
        }
        finally {
            session.close();
        }
        assertThat(NoDelay.enable(new Object())).isFalse();
    }
}
