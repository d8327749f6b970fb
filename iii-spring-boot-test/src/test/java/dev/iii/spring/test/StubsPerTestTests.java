package dev.iii.spring.test;

import java.time.Duration;

import dev.iii.sdk.ErrorCode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test client is one bean of a cached context, shared by every test class of the same settings: a test
 * changes nothing the next one sees. Same settings as {@link EmbeddedIIIEngineTests}, so the same context.
 */
@SpringBootTest(classes = GreetingApplication.class, properties = "iii.url=ws://127.0.0.1:9")
@EmbeddedIIIEngine
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StubsPerTestTests {

    @Autowired
    private IIITestClient iii;

    @Test
    @Order(1)
    void aTestStubsAFunction() {
        iii.stubFunction("clock::now", (payload, context) -> "noon");
        assertThat(iii.function("clock::now").retrieve(String.class)).isEqualTo("noon");
    }

    @Test
    @Order(2)
    void theNextTestDoesNotSeeTheStub() {
        assertThat(iii.callExpectingError("clock::now", null).getCode()).isEqualTo(ErrorCode.FUNCTION_NOT_FOUND);
    }

    @Test
    @Order(3)
    void withTimeoutReturnsACopyAndLeavesTheSharedClientAlone() {
        Duration shared = iii.timeout();
        IIITestClient quick = iii.withTimeout(Duration.ofMillis(500));
        assertThat(quick).isNotSameAs(iii);
        assertThat(quick.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(iii.timeout()).isEqualTo(shared).isEqualTo(Duration.ofSeconds(10));
        assertThat(quick.worker()).isSameAs(iii.worker());
    }
}
