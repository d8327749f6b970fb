package dev.iii.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged {@code standalone} jar as a process, with a Node SDK call through it. Runs when the engine
 * module was packaged earlier in the same build (a full {@code ./mvnw verify}); skipped otherwise.
 */
class StandaloneJarTest {

    @TempDir
    Path dir;

    @Test
    void standaloneJarServesTheNodeSdk() throws Exception {
        Path jar = Path.of(System.getProperty("standalone.jar", "../iii-embedded-engine/target/iii-embedded-engine-0.1.0-SNAPSHOT-standalone.jar"));
        assumeThat(Files.exists(jar)).as("standalone jar built").isTrue();
        NodeWorker.interopDir();
        Path stdout = dir.resolve("stdout.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process engine = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "--port", "0", "--http-port", "0"))
                .redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(stdout) && Files.readString(stdout).contains("\n"));
            String line = Files.readAllLines(stdout).get(0);
            assertThat(line).startsWith("iii embedded engine listening on ws://");
            String url = line.substring("iii embedded engine listening on ".length(), line.indexOf(" (http"));
            try (NodeWorker caller = NodeWorker.start("node-caller.mjs", url,
                    Map.of("FUNCTION_ID", "engine::functions::list", "PAYLOAD", "{\"include_internal\":true}"))) {
                assertThat(caller.awaitLine("RESULT")).contains("engine::workers::list");
                assertThat(caller.awaitExit()).isZero();
            }
            engine.destroy();
            assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        finally {
            engine.destroyForcibly();
        }
    }
}
