package dev.iii.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;

import dev.iii.bench.run.Cell;
import dev.iii.bench.run.NodeCompression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HarnessOptionsTest {

    @Test
    void theFullRunLeavesOutCellsWithTooMuchInFlight() {
        HarnessOptions options = HarnessOptions.parse(new String[] { "--repository", "/tmp/checkout" });

        assertThat(options.quick()).isFalse();
        assertThat(options.output().toString()).isEqualTo("/tmp/checkout/docs");
        assertThat(options.plan().cells()).hasSize(10).contains(new Cell(1024 * 1024, 16)).doesNotContain(new Cell(1024 * 1024, 64));
        assertThat(options.skippedCells()).containsExactly(new Cell(1024 * 1024, 64), new Cell(1024 * 1024, 256));
        assertThat(options.nodeModes()).isEqualTo(EnumSet.allOf(NodeCompression.class));
        assertThat(options.jmh()).isNotNull();
        assertThat(options.aotJdk()).isNull();
    }

    @Test
    void anAotJdkIsTheHomeOfAJdk(@TempDir Path home) throws IOException {
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        java.toFile().setExecutable(true);

        assertThat(HarnessOptions.parse(new String[] { "--repository", "/x", "--aot-jdk", home.toString() }).aotJdk())
                .isEqualTo(home);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HarnessOptions.parse(new String[] { "--repository", "/x", "--aot-jdk", home.resolve("bin").toString() }))
                .withMessageContaining("--aot-jdk needs a JDK's home directory");
    }

    @Test
    void quickAndOverrides() {
        HarnessOptions options = HarnessOptions.parse(new String[] { "--quick", "--repository", "/tmp/checkout", "--rounds",
                "4", "--measure", "0.25", "--concurrency", "2,8", "--node-compression", "off", "--no-jmh" });

        assertThat(options.output().toString()).isEqualTo("/tmp/checkout/benchmarks/target/quick-report");
        assertThat(options.plan().rounds()).isEqualTo(4);
        assertThat(options.plan().measure()).isEqualTo(Duration.ofMillis(250));
        assertThat(options.plan().cells()).containsExactly(new Cell(100, 2), new Cell(100, 8), new Cell(10 * 1024, 2),
                new Cell(10 * 1024, 8));
        assertThat(options.nodeModes()).containsExactly(NodeCompression.OFF);
        assertThat(options.jmh()).isNull();
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatIllegalArgumentException().isThrownBy(() -> HarnessOptions.parse(new String[] { "--repository", "/x", "--fast" }));
        assertThatIllegalArgumentException().isThrownBy(() -> HarnessOptions.parse(new String[] { "--rounds", "2" }));
        assertThatIllegalArgumentException().isThrownBy(() -> HarnessOptions.parse(new String[] { "--repository", "/x", "--rounds", "0" }));
    }
}
