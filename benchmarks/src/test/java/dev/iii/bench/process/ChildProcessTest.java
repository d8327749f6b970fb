package dev.iii.bench.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@DisabledOnOs(OS.WINDOWS)
class ChildProcessTest {

    @TempDir
    Path logs;

    @Test
    void answersCommandsLogsTheRestAndEndsWithItsStdin() {
        try (ChildProcesses processes = new ChildProcesses(logs)) {
            ChildProcess child = processes.start("echo", List.of("sh", "-c",
                    "echo noise; while read line; do echo \"@bench $line {\\\"ok\\\":true}\"; done"), Map.of(), true);

            assertThat(child.request("stats", Duration.ofSeconds(10)).path("ok").asBoolean()).isTrue();

            child.close();
            assertThat(child.process().isAlive()).isFalse();
        }
        assertThat(logs.resolve("echo.log")).content().contains("noise");
    }

    @Test
    void aProcessThatDiesFailsTheWaitWithItsLog() {
        try (ChildProcesses processes = new ChildProcesses(logs)) {
            ChildProcess child = processes.start("dies", List.of("sh", "-c", "echo going >&2; exit 3"), Map.of(), false);

            assertThatIllegalStateException().isThrownBy(() -> child.awaitReply("ready", Duration.ofSeconds(10)))
                    .withMessageContaining("exited with code 3").withMessageContaining("going");
        }
    }

    @Test
    void aSilentProcessFailsTheWaitInTimeAndIsStoppedWithTheRun() {
        ChildProcess child;
        try (ChildProcesses processes = new ChildProcesses(logs)) {
            child = processes.start("silent", List.of("sleep", "60"), Map.of(), false);

            assertThatIllegalStateException().isThrownBy(() -> child.awaitReply("ready", Duration.ofMillis(200)))
                    .withMessageContaining("within 0 s");
        }
        assertThat(child.process().isAlive()).isFalse();
    }
}
