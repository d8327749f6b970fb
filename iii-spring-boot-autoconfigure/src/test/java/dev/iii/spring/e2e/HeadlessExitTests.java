package dev.iii.spring.e2e;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.iii.spring.e2e.headless.HeadlessFailureApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A headless application whose worker fails for good exits with status 1, so that its supervisor sees the
 * failure. Runs the application in a JVM of its own, since it ends by exiting.
 */
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
}
