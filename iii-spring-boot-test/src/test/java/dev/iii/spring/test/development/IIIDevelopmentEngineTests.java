package dev.iii.spring.test.development;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.IIIWorker;
import dev.iii.spring.test.DevelopmentApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The development-time engine, as {@code TestMyApplication} and {@code spring-boot:test-run} use it. */
@ExtendWith(OutputCaptureExtension.class)
class IIIDevelopmentEngineTests {

    private static ConfigurableApplicationContext run(String... args) {
        return SpringApplication.from(DevelopmentApplication::main).with(IIIDevelopmentEngine.class).run(args)
                .getApplicationContext();
    }

    @Test
    void theApplicationRunsOnTheEngineWhateverItsUrlSays(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext application = run("--iii.embedded.port=0", "--iii.embedded.http-port=0",
                "--iii.url=ws://127.0.0.1:9")) {
            EmbeddedEngine engine = application.getBean(EmbeddedEngine.class);
            IIIWorker worker = application.getBean(IIIWorker.class);
            assertThat(worker.options().url()).hasToString(engine.url());
            await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
            HttpResponse<String> greeting = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create(engine.httpUrl() + "/hello/ada")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(greeting.body()).isEqualTo("\"hello ada\"");
            assertThat(output).doesNotContain("no embedded iii engine runs");
        }
    }

    @Test
    void itsSettingsInAnApplicationStartedWithoutItAreAWarning(CapturedOutput output) {
        try (ConfigurableApplicationContext application = SpringApplication.run(DevelopmentApplication.class,
                "--iii.embedded.port=0", "--iii.url=ws://127.0.0.1:9")) {
            assertThat(application.getBeansOfType(EmbeddedEngine.class)).isEmpty();
            assertThat(output).contains("iii.embedded.port is set, but no embedded iii engine runs in this application, "
                    + "so the worker connects to ws://127.0.0.1:9. IIIDevelopmentEngine is on the classpath but not part "
                    + "of this application");
        }
    }

    @Test
    void aBusyPortFailsStartupNamingThePropertyAndTheFix(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            String port = String.valueOf(taken.getLocalPort());
            assertThatThrownBy(() -> run("--iii.embedded.port=" + port, "--iii.embedded.http-port=0"))
                    .hasRootCauseInstanceOf(java.net.BindException.class);
            assertThat(output).contains("The embedded iii engine failed to start: port " + port
                    + " (iii.embedded.port) is already in use.")
                    .contains("set iii.embedded.port to another port, or to 0 for a free one");
        }
    }
}
