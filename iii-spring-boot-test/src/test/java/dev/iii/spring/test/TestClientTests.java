package dev.iii.spring.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The test client drives the application as the rest of the system would: calls with metadata, options and
 * generic results, triggers fired on demand, HTTP requests. Same settings as {@link EmbeddedIIIEngineTests}.
 */
@SpringBootTest(classes = GreetingApplication.class, properties = "iii.url=ws://127.0.0.1:9")
@EmbeddedIIIEngine
class TestClientTests {

    @Autowired
    private IIITestClient iii;

    @Autowired
    private GreetingApplication.Greeter greeter;

    @Test
    void callsWithMetadataAndBindsGenericResults() {
        iii.awaitFunctions("greeter::many");
        List<GreetingApplication.Greeting> greetings = iii.function("greeter::many").payload(List.of("ada", "bob"))
                .metadata(Map.of("salutation", "hi")).retrieve(new ParameterizedTypeReference<List<GreetingApplication.Greeting>>() { });
        assertThat(greetings).extracting(GreetingApplication.Greeting::text).containsExactly("hi ada", "hi bob");
    }

    @Test
    void firesACronBindingNowWithItsMetadata() {
        iii.fireCron("greeter::morning");
        assertThat(greeter.said).anySatisfy(said -> assertThat(said).startsWith("good morning at ").endsWith(" to everyone"));
    }

    @Test
    void deliversAQueueMessageAsTheQueueWouldAndReportsAFailedDelivery() {
        iii.deliverQueueMessage("greeter::on-arrival", new GreetingApplication.Greeting("cy"));
        assertThat(greeter.said).contains("welcome cy");
        InvocationException failed = catchThrowableOfType(InvocationException.class,
                () -> iii.deliverQueueMessage("greeter::on-arrival", new GreetingApplication.Greeting(" ")));
        assertThat(failed.getCode()).isEqualTo("nobody_arrived");
    }

    @Test
    void firingWhatIsNotBoundFailsWithinTheTimeout() {
        assertThat(catchThrowableOfType(RuntimeException.class,
                () -> iii.withTimeout(Duration.ofMillis(300)).fireCron("greeter::greet"))).hasMessageContaining("cron trigger bound to greeter::greet");
    }

    @Test
    void sendsHttpRequestsWithAnyMethod() {
        iii.awaitFunctions("greeter::http");
        assertThat(iii.httpRequest("GET", "/greet/dee", null).statusCode()).isEqualTo(200);
        // The path is routed for GET only: 405, as the http worker of engines 0.23 and later answers.
        assertThat(iii.httpRequest("DELETE", "/greet/dee", null).statusCode()).isEqualTo(405);
        assertThat(iii.httpRequest("GET", "/nowhere", null).statusCode()).isEqualTo(404);
        assertThat(iii.callExpectingError("greeter::missing", "x").getCode()).isEqualTo(ErrorCode.FUNCTION_NOT_FOUND);
    }
}
