package dev.iii.spring.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.spring.annotation.HttpTrigger;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.e2e.TestEngineConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An emitter that is done before its function returns, read with an HTTP client: the events arrive and so does
 * the end of the response.
 */
@SpringBootTest(classes = ServerSentEventEmitterHttpTests.EmitterApplication.class,
        properties = "spring.application.name=emitters")
class ServerSentEventEmitterHttpTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private EmbeddedEngine engine;

    @Autowired
    private IIIWorker worker;

    @BeforeEach
    void routesAreUp() {
        await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(
                URI.create(engine.httpUrl() + "/events/warmup")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200);
    }

    @Test
    void anEmitterCompletedBeforeItIsReturnedSendsItsEventsAndEndsTheResponse() {
        var response = http.sendAsync(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/events/done")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response).succeedsWithin(WAIT).satisfies(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("content-type")).contains("text/event-stream");
            assertThat(answer.body()).isEqualTo(":\n\ndata: a\n\nevent: b\ndata: {\"n\":1}\n\n");
        });
        await().atMost(WAIT).until(() -> worker.statistics().inFlightInvocations() == 0);
    }

    @Test
    void anEmitterFailedBeforeItIsReturnedEndsTheResponse() {
        var response = http.sendAsync(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/events/failed")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response).succeedsWithin(WAIT);
        await().atMost(WAIT).until(() -> worker.statistics().inFlightInvocations() == 0);
    }

    /** Emitters that are over before they are returned. */
    static class Emitters {

        @IIIFunction("events::warmup")
        @HttpTrigger("/events/warmup")
        Map<String, Object> warmup(HttpTriggerRequest<Void> request) {
            return Map.of("status_code", 200);
        }

        @IIIFunction("events::done")
        @HttpTrigger("/events/done")
        ServerSentEventEmitter done(HttpTriggerRequest<Void> request) throws IOException {
            ServerSentEventEmitter events = new ServerSentEventEmitter();
            events.send("a");
            events.send(ServerSentEventEmitter.event().name("b").data(Map.of("n", 1)));
            events.complete();
            return events;
        }

        @IIIFunction("events::failed")
        @HttpTrigger("/events/failed")
        ServerSentEventEmitter failed(HttpTriggerRequest<Void> request) throws IOException {
            ServerSentEventEmitter events = new ServerSentEventEmitter();
            events.send("a");
            events.completeWithError(new IllegalStateException("the feed is down"));
            return events;
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(TestEngineConfiguration.class)
    static class EmitterApplication {

        @Bean
        Emitters emitters() {
            return new Emitters();
        }
    }
}
