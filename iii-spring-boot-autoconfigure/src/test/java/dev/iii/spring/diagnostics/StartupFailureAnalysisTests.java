package dev.iii.spring.diagnostics;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up mistakes are reported as Spring Boot reports a busy server port: what happened, which property, what to do. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureAnalysisTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Worker {
    }

    private static void run(String... properties) {
        new SpringApplicationBuilder(Worker.class).properties("spring.main.web-application-type=none")
                .properties(properties).run().close();
    }

    @Test
    void anEngineUrlThatIsNotAWebSocketUrlNamesThePropertyAndNoCredentials(CapturedOutput output) {
        assertThatThrownBy(() -> run("iii.url=http://ops:s3cret@127.0.0.1:49134/?token=abc"));
        assertThat(output).contains("The iii engine URL 'http://127.0.0.1:49134/' (iii.url) is not a WebSocket URL")
                .contains("Set iii.url (or the III_URL environment variable) to the engine's WebSocket address")
                .doesNotContain("s3cret").doesNotContain("token=abc");
    }

    @Test
    void anUnreachableEngineFailsStartupWhenAskedToNamingThePropertyAndTheFix(CapturedOutput output) throws Exception {
        // Listens but never answers the WebSocket handshake: the worker cannot connect within its timeout.
        try (ServerSocket silent = new ServerSocket(0)) {
            String url = "ws://127.0.0.1:" + silent.getLocalPort();
            assertThatThrownBy(() -> run("iii.url=" + url, "iii.connection.fail-fast=true",
                    "iii.connection.connect-timeout=1s", "iii.reconnect.initial-delay=10s"));
            assertThat(output).contains("The iii worker could not connect to the engine at " + url + " (iii.url)")
                    .contains("set iii.url (or III_URL) to where it runs")
                    .contains("iii.connection.fail-fast=false");
        }
    }
}
