package dev.iii.spring.test;

import java.net.http.HttpResponse;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.IIIWorker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = GreetingApplication.class, properties = "iii.url=ws://127.0.0.1:9")
@EmbeddedIIIEngine
class EmbeddedIIIEngineTests {

    @Autowired
    private IIITestClient iii;

    @Autowired
    private EmbeddedEngine engine;

    @Autowired
    private IIIWorker worker;

    @Test
    void theApplicationJoinsTheTestEngineWhateverItsUrlSays() {
        assertThat(worker.options().url()).hasToString(engine.url());
        assertThat(engine.host()).isEqualTo("127.0.0.1");
        SharedContextProbe.record(engine);
    }

    @Test
    void callsReturnResultsAndErrorsWithTheirCodes() {
        iii.awaitFunctions("greeter::greet", "greeter::http");
        assertThat(iii.function("greeter::greet").payload("ada").retrieve(GreetingApplication.Greeting.class).text())
                .isEqualTo("hello ada");
        assertThat(iii.callExpectingError("greeter::greet", " ").getCode()).isEqualTo("no_name");
    }

    @Test
    void httpTriggersAnswerRealRequests() {
        iii.awaitFunctions("greeter::http");
        HttpResponse<String> response = iii.httpGet("/greet/bob");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"text\":\"hello bob\"}");
    }

    @Test
    void stubbedFunctionsStandInForOtherWorkers() {
        iii.stubFunction("etiquette::salutation", (payload, context) -> "good morning,");
        iii.awaitFunctions("greeter::polite");
        assertThat(iii.function("greeter::polite").payload("ada").retrieve(JsonNode.class).get("text").asString())
                .isEqualTo("good morning, ada");
    }

    @Test
    void callExpectingErrorFailsWhenTheCallSucceeds() {
        iii.awaitFunctions("greeter::greet");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> iii.callExpectingError("greeter::greet", "ada"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("to fail");
    }
}
