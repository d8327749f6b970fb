package dev.iii.bench.run;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadsTest {

    @Test
    void aPayloadIsJsonOfExactlyTheSizeAndTheSameEveryTime() {
        for (int bytes : new int[] { 100, 10 * 1024, 1024 * 1024 }) {
            String payload = Payloads.json(bytes);
            assertThat(payload.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
            assertThat(JsonMapper.builder().build().readTree(payload).get("blob").asString()).hasSize(bytes - 11);
            assertThat(Payloads.json(bytes)).isEqualTo(payload);
        }
    }
}
