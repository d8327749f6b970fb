package dev.iii.sdk.builtin;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import dev.iii.sdk.channel.ChannelDirection;
import dev.iii.sdk.channel.ChannelOpener;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.channel.RefOnlyChannels;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /**
     * Each payload, read from the shape of the wire specification (§6.1 http, §6.2 cron, the state and stream
     * types of the engine's workers), writes back under the same member names and reads back equal.
     */
    @Test
    void roundTripUnderTheWireNames() {
        String http = "{\"query_params\":{\"v\":\"1\"},\"path_params\":{\"id\":\"7\"},\"headers\":{\"accept\":\"*/*\"},"
                + "\"path\":\"/orders/:id\",\"method\":\"GET\",\"body\":null,"
                + "\"trigger\":{\"type\":\"http\",\"path\":\"/orders/:id\",\"method\":\"GET\"},"
                + "\"request_body\":{\"channel_id\":\"c\",\"access_key\":\"k\",\"direction\":\"read\"},"
                + "\"response\":{\"channel_id\":\"c\",\"access_key\":\"k\",\"direction\":\"write\"}}";
        ObjectReader bound = OPENER.bindingRefs(json.readerFor(new TypeReference<HttpTriggerRequest<Order>>() { }));
        HttpTriggerRequest<Order> request = bound.readValue(http);
        assertThat(request.requestBody().ref()).isEqualTo(new ChannelRef("c", "k", ChannelDirection.READ));
        assertThat(request.response().ref()).isEqualTo(new ChannelRef("c", "k", ChannelDirection.WRITE));
        JsonNode written = json.valueToTree(request);
        assertThat(written.propertyNames()).containsExactlyInAnyOrder("query_params", "path_params", "headers", "path",
                "method", "body", "request_body", "response");
        assertThat(written.get("request_body")).isEqualTo(json.readTree(http).get("request_body"));
        assertThat(written.get("response")).isEqualTo(json.readTree(http).get("response"));
        assertRoundTrip("{\"status_code\":201,\"headers\":{\"x-a\":\"b\"},\"body\":{\"ok\":true}}",
                new TypeReference<HttpTriggerResponse>() { }, List.of("status_code", "headers", "body"));
        assertRoundTrip("{\"trigger\":\"cron\",\"job_id\":\"b-1\",\"scheduled_time\":\"2026-11-22T10:00:00+00:00\","
                + "\"actual_time\":\"2026-11-22T10:00:00.003+00:00\"}", new TypeReference<CronTick>() { },
                List.of("trigger", "job_id", "scheduled_time", "actual_time"));
        assertRoundTrip("{\"type\":\"state\",\"event_type\":\"state:created\",\"scope\":\"carts\",\"key\":\"u1\","
                + "\"old_value\":null,\"new_value\":{\"n\":1}}", new TypeReference<StateChange>() { },
                List.of("type", "event_type", "scope", "key", "old_value", "new_value"));
        assertRoundTrip("{\"type\":\"stream\",\"timestamp\":1763805600000,\"streamName\":\"chat\",\"groupId\":\"room-1\","
                + "\"id\":\"m-9\",\"event\":{\"type\":\"create\",\"data\":{\"text\":\"hi\"}}}",
                new TypeReference<StreamChange>() { },
                List.of("type", "timestamp", "streamName", "groupId", "id", "event"));
    }

    /** Without a worker's opener in the context, a ref does not bind to an end, and says why. */
    @Test
    void channelEndsBindOnlyWithAWorkersOpener() {
        assertThatThrownBy(() -> json.readValue("{\"request_body\":{\"channel_id\":\"c\",\"access_key\":\"k\","
                + "\"direction\":\"read\"}}", new TypeReference<HttpTriggerRequest<Order>>() { }))
                .hasMessageContaining("bound only by an iii worker");
        assertThatThrownBy(() -> OPENER.bindingRefs(json.readerFor(new TypeReference<HttpTriggerRequest<Order>>() { }))
                .readValue("{\"request_body\":{\"channel_id\":\"c\",\"access_key\":\"k\",\"direction\":\"write\"}}"))
                .hasMessageContaining("the ref of channel c opens its write end: a ChannelReader needs a read ref");
    }

    /** Ends that know their ref and nothing else. */
    private static final ChannelOpener OPENER = new RefOnlyChannels();

    private <T> void assertRoundTrip(String wire, TypeReference<T> type, List<String> members) {
        T bound = json.readValue(wire, type);
        JsonNode written = json.valueToTree(bound);
        assertThat(written.propertyNames()).containsExactlyInAnyOrderElementsOf(members);
        assertThat(json.<T>treeToValue(written, json.constructType(type))).isEqualTo(bound);
    }
}
