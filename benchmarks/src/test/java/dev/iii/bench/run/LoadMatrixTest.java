package dev.iii.bench.run;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class LoadMatrixTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsTheLatenciesOfJavaCallersAsAHistogram() {
        Histogram sent = new Histogram(3);
        sent.recordValue(1_000_000);
        sent.recordValue(3_000_000);
        ByteBuffer buffer = ByteBuffer.allocate(sent.getNeededByteBufferCapacity());
        int length = sent.encodeIntoCompressedByteBuffer(buffer);
        ObjectNode window = json.createObjectNode()
                .put("histogram", Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length)));

        Histogram read = LoadMatrix.latencies(window);

        assertThat(read.getTotalCount()).isEqualTo(2);
        assertThat(read.getMaxValue()).isEqualTo(sent.getMaxValue());
    }

    @Test
    void readsTheRawLatenciesOfNodeCallers() {
        Histogram read = LoadMatrix.latencies(json.readTree("{\"latencies_ns\":[1000000,2000000,3000000]}"));

        assertThat(read.getTotalCount()).isEqualTo(3);
        assertThat(read.getValueAtPercentile(50)).isBetween(1_999_000L, 2_001_000L);
    }
}
