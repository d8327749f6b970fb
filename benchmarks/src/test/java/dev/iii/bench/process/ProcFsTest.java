package dev.iii.bench.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

@EnabledOnOs(OS.LINUX)
class ProcFsTest {

    @Test
    void readsThisProcesssCpuTimeAndResidentSet() {
        ProcFs proc = ProcFs.open();
        long pid = ProcessHandle.current().pid();

        CpuTime before = proc.cpu(pid);
        long spin = System.nanoTime() + 50_000_000;
        while (System.nanoTime() < spin) {
            Thread.onSpinWait();
        }

        CpuTime used = proc.cpu(pid).since(before);
        assertThat(used.userNanos()).isPositive();
        assertThat(used.systemNanos()).isNotNegative();
        assertThat(used.totalNanos()).isEqualTo(used.userNanos() + used.systemNanos());
        assertThat(proc.residentBytes(pid)).isGreaterThan(1024 * 1024);
        assertThat(proc.tickNanos()).isPositive();
    }
}
