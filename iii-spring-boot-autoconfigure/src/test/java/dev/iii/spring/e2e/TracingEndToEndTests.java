package dev.iii.spring.e2e;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.CallOptions;
import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.function.InvocationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Micrometer Tracing (Brave here) an invocation continues the caller's W3C trace, and a call made while
 * serving it carries that trace on to the next function.
 */
@SpringBootTest(classes = { OrdersApplication.class, TestEngineConfiguration.class },
        properties = "management.tracing.sampling.probability=1.0")
class TracingEndToEndTests {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @Autowired
    private EmbeddedEngine engine;

    @Autowired
    private IIIWorker worker;

    private static IIIWorker pricing;

    @AfterAll
    static void stopPricing() {
        if (pricing != null) {
            pricing.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void invocationsContinueTheCallersTraceAndPassItOn() throws Exception {
        AtomicReference<InvocationContext> seenByPricing = new AtomicReference<>();
        pricing = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("pricing").build());
        pricing.registerFunction("pricing::quote", (payload, context) -> {
            seenByPricing.set(context);
            return Map.of("price", 1);
        });
        pricing.start();
        assertThat(pricing.awaitConnected(Duration.ofSeconds(20))).isTrue();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);

        JsonNode quote = pricing.call("orders::quote", Map.of("sku", "A1"), CallOptions.defaults()
                .withTraceContext("00-" + TRACE_ID + "-b7ad6b7169203331-01", null)).get();
        assertThat(quote.get("price").asInt()).isEqualTo(1);

        String traceparent = seenByPricing.get().traceparent();
        assertThat(traceparent).startsWith("00-" + TRACE_ID + "-");
        assertThat(traceparent).doesNotContain("b7ad6b7169203331");
    }
}
