package dev.iii.spring.test;

import java.time.Duration;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.WorkerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A plain SDK worker tested with the JUnit extension, no Spring involved. */
// docs:start
class IIIEngineExtensionTests {

    @RegisterExtension
    static IIIEngineExtension iii = new IIIEngineExtension();

    @Test
    void aPlainWorkerIsCalledThroughTheExtensionsEngine(EmbeddedEngine engine, IIITestClient client) throws Exception {
        assertThat(engine).isSameAs(iii.engine());
        assertThat(client).isSameAs(iii.client());
        IIIWorker worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("plain").build());
        worker.registerFunction("plain::double", (payload, context) -> payload.asInt() * 2);
        worker.start();
        try {
            client.awaitFunctions("plain::double");
            assertThat(client.function("plain::double").payload(21).retrieve(Integer.class)).isEqualTo(42);
            assertThat(client.callExpectingError("plain::missing", 1).getCode()).isEqualTo("function_not_found");
        }
        finally {
            worker.shutdown(Duration.ofSeconds(1));
        }
    }
}
// docs:end
