package dev.iii.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** Runs the launcher's {@code main} in a child JVM on the test class path, as the standalone jar would. */
class EmbeddedEngineLauncherTest {

    private static final String LINE = "iii embedded engine listening on ws://127\\.0\\.0\\.1:\\d+ \\(http on http://127\\.0\\.0\\.1:\\d+\\)";

    @TempDir
    Path dir;

    @Test
    void printsTheListeningLineServesAndStopsOnSigterm() throws Exception {
        Path stdout = dir.resolve("stdout.txt");
        Process process = launch(stdout, ProcessBuilder.Redirect.DISCARD, "--port", "0", "--http-port", "0");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(stdout) && Files.readString(stdout).contains("\n"));
            String line = lines(stdout).get(0);
            assertThat(line).matches(LINE);
            String url = line.substring("iii embedded engine listening on ".length(), line.indexOf(" (http"));
            try (TestWorker worker = TestWorker.connectTo(url)) {
                assertThat(worker.workerId).isNotBlank();
            }
            process.destroy(); // SIGTERM: the shutdown hook closes the engine
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
            assertThat(lines(stdout)).as("exactly one line on stdout").hasSize(1);
        }
        finally {
            process.destroyForcibly();
        }
    }

    @Test
    void unknownArgumentsPrintUsageAndExitWith2() throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process process = launch(dir.resolve("out.txt"), ProcessBuilder.Redirect.to(stderr.toFile()), "--bogus");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(stderr)).contains("unknown argument: --bogus").contains("usage:");
    }

    @Test
    void parsesArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedEngineLauncher.parse(new String[] {"--port"}))
                .withMessageContaining("--port needs a value");
        assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedEngineLauncher.parse(new String[] {"--port", "x"}))
                .withMessageContaining("needs a port number");
        assertThat(EmbeddedEngineLauncher.parse(new String[] {"--host", "127.0.0.1", "--port", "0", "--http-port", "0"}))
                .isNotNull();
    }

    private static Process launch(Path stdout, ProcessBuilder.Redirect stderr, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedEngineLauncher.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr).start();
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }
}
