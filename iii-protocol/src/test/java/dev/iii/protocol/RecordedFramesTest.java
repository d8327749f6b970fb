package dev.iii.protocol;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every protocol frame recorded from the official Node SDK 0.22.1 (both vector files) decodes, and every
 * frame the SDK side sent re-encodes to the same JSON tree.
 */
class RecordedFramesTest {

    /**
     * Node 0.22.1 leaks its internal {@code message_type} member into trigger frames, and sends the whole
     * trigger-type registration, {@code description} included, in {@code unregistertriggertype}; the engine
     * ignores both, and so does a faithful re-encoding.
     */
    private static final Map<String, List<String>> NODE_LEAKED_MEMBERS = Map.of(
            "unregistertriggertype", List.of("message_type", "description"));
    private static final List<String> NODE_LEAKED_EVERYWHERE = List.of("message_type");

    /** Frame types Node sends that the engine does not know: they decode as unknown, by design. */
    private static final List<String> TYPES_UNKNOWN_TO_ENGINE = List.of("somethingnew");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MessageCodec codec = new MessageCodec();

    static Stream<Arguments> recordedFrames() {
        return RecordedFrames.all().stream().map(frame -> Arguments.of(frame.name(), frame.direction(), frame.raw()));
    }

    @Test
    void bothVectorFilesAreCovered() {
        Map<String, Long> perFile = new java.util.TreeMap<>();
        recordedFrames().forEach(args -> perFile.merge(((String) args.get()[0]).split(" ")[0], 1L, Long::sum));
        assertThat(perFile).containsOnlyKeys("node-sdk-0.22.1-frames.jsonl", "node-sdk-0.22.1-frames-no-otel.jsonl");
        assertThat(perFile.values()).allSatisfy(count -> assertThat(count).isGreaterThan(60));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedFrames")
    void decodes(String name, String direction, String raw) {
        Message message = codec.decode(raw);
        String type = JSON.readTree(raw).get("type").asString();
        if (TYPES_UNKNOWN_TO_ENGINE.contains(type)) {
            assertThat(message).isEqualTo(new UnknownMessage(type));
        }
        else {
            assertThat(message).isNotInstanceOf(UnknownMessage.class);
            assertThat(message.getClass().getAnnotation(Deprecated.class)).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedFrames")
    void sdkFramesReencodeToTheSameTree(String name, String direction, String raw) {
        Message message = codec.decode(raw);
        if (!direction.equals("sdk->engine") || message instanceof UnknownMessage) {
            return;
        }
        ObjectNode expected = (ObjectNode) JSON.readTree(raw);
        expected.remove(NODE_LEAKED_MEMBERS.getOrDefault(expected.get("type").asString(), NODE_LEAKED_EVERYWHERE));
        String encoded = codec.encodeToString(message);
        assertThat(JSON.readTree(encoded)).isEqualTo(expected);
        assertThat(encoded).startsWith("{\"type\":\"" + expected.get("type").asString() + "\"");
    }
}
