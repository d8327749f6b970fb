package dev.iii.sdk.builtin;

import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in trigger payloads bind with a default mapper, in the shapes the engine sends. */
class BuiltinPayloadsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    record Order(String sku) {
    }

    @Test
    void httpRequestAndResponse() {
        HttpTriggerRequest<Order> request = json.readValue("{\"query_params\":{\"v\":\"1\"},\"path_params\":{\"id\":\"7\"},"
                + "\"headers\":{\"content-type\":\"application/json\"},\"path\":\"/orders/:id\",\"method\":\"POST\","
                + "\"body\":{\"sku\":\"A1\"},\"trigger\":{\"type\":\"http\",\"path\":\"/orders/:id\",\"method\":\"POST\"}}",
                new TypeReference<HttpTriggerRequest<Order>>() { });
        assertThat(request.pathParam("id")).isEqualTo("7");
        assertThat(request.queryParam("v")).isEqualTo("1");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo(new Order("A1"));
        assertThat(request.path()).isEqualTo("/orders/:id");

        String response = json.writeValueAsString(HttpTriggerResponse.status(201, Map.of("ok", true)).withHeader("x-a", "b"));
        assertThat(json.readTree(response)).isEqualTo(json.readTree(
                "{\"status_code\":201,\"headers\":{\"x-a\":\"b\"},\"body\":{\"ok\":true}}"));
        assertThat(json.writeValueAsString(HttpTriggerResponse.ok("x"))).isEqualTo("{\"status_code\":200,\"body\":\"x\"}");
    }

    @Test
    void cronTick() {
        CronTick tick = json.readValue("{\"trigger\":\"cron\",\"job_id\":\"b-1\",\"scheduled_time\":\"2026-11-22T10:00:00+00:00\","
                + "\"actual_time\":\"2026-11-22T10:00:00.003+00:00\"}", CronTick.class);
        assertThat(tick.jobId()).isEqualTo("b-1");
        assertThat(tick.scheduledTime()).isEqualTo(OffsetDateTime.parse("2026-11-22T10:00:00Z"));
        assertThat(tick.actualTime()).isAfter(tick.scheduledTime());
    }

    @Test
    void stateAndStreamChanges() {
        StateChange state = json.readValue("{\"type\":\"state\",\"event_type\":\"state:updated\",\"scope\":\"carts\","
                + "\"key\":\"u1\",\"old_value\":{\"n\":1},\"new_value\":{\"n\":2}}", StateChange.class);
        assertThat(state.eventType()).isEqualTo("state:updated");
        assertThat(state.newValue().get("n").asInt()).isEqualTo(2);
        StreamChange stream = json.readValue("{\"type\":\"stream\",\"timestamp\":1763805600000,\"streamName\":\"chat\","
                + "\"groupId\":\"room-1\",\"id\":\"m-9\",\"event\":{\"type\":\"create\",\"data\":{\"text\":\"hi\"}}}",
                StreamChange.class);
        assertThat(stream.groupId()).isEqualTo("room-1");
        assertThat(stream.event().type()).isEqualTo("create");
        assertThat(stream.event().data().get("text").asString()).isEqualTo("hi");
    }
}
