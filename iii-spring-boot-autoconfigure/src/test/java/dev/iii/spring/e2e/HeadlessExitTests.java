package dev.iii.spring.e2e;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.iii.spring.e2e.headless.HeadlessFailureApplication;
import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.IIIWorker;
import dev.iii.spring.autoconfigure.IIIAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A headless application whose worker fails for good exits with status 1, so that its supervisor sees the
 * failure. Runs the application in a JVM of its own, since it ends by exiting.
 */
@ExtendWith(OutputCaptureExtension.class)
class HeadlessExitTests {

    @Test
    void aHeadlessApplicationWhoseWorkerGivesUpExitsWithStatusOne(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path output = dir.resolve("out.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                HeadlessFailureApplication.class.getName(), "--spring.main.web-application-type=none",
                "--iii.url=ws://127.0.0.1:" + closedPort, "--iii.reconnect.initial-delay=50ms",
                "--iii.reconnect.max-delay=100ms", "--iii.reconnect.max-retries=1", "--spring.main.banner-mode=off"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the application exits on its own").isTrue();
        }
        finally {
            process.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(log).isEqualTo(1);
        assertThat(log).contains("The iii worker failed for good").contains("exiting with status 1");
    }

    /** Here the test runner's threads keep the JVM alive: exiting would end the test run, not a worker. */
    @Test
    void aWorkerThatGivesUpInAProcessThatGoesOnLeavesTheProcessAlone(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(IIIAutoConfiguration.class))
                .withPropertyValues("iii.url=ws://127.0.0.1:" + closedPort, "iii.reconnect.initial-delay=50ms",
                        "iii.reconnect.max-delay=100ms", "iii.reconnect.max-retries=1")
                .run(context -> {
                    IIIWorker worker = context.getBean(IIIWorker.class);
                    await().until(() -> worker.connectionState() == ConnectionState.FAILED);
                    assertThat(context.isActive()).isTrue();
                    assertThat(output).doesNotContain("exiting with status 1");
                });
    }
}
