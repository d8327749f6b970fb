package dev.iii.engine;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code engine::channels::create {buffer_size?}}: a channel holding {@code buffer_size} messages (default 64, at
 * most 1024, at least 1), answered with its writer and reader refs. Such channels belong to no connection, as in
 * the real engine.
 */
final class ChannelFunctions {

    static final int DEFAULT_BUFFER_SIZE = 64;
    static final int MAX_BUFFER_SIZE = 1024;
    private static final String ID = "engine::channels::create";

    private final EngineCore core;

    ChannelFunctions(EngineCore core) {
        this.core = core;
    }

    void register() {
        EngineFunctions.add(core, ID, "Create a streaming channel pair", (caller, data) -> create(data));
    }

    private JsonNode create(JsonNode data) {
        Long requested = new FunctionInput(ID, data).optionalLong("buffer_size");
        int capacity = requested == null ? DEFAULT_BUFFER_SIZE : (int) Math.min(requested, MAX_BUFFER_SIZE);
        return refs(core.channels.create(capacity));
    }

    /** The {@code {writer, reader}} refs of a channel. */
    static ObjectNode refs(EngineChannel channel) {
        ObjectNode result = EngineJson.object();
        result.set("writer", ref(channel, "write"));
        result.set("reader", ref(channel, "read"));
        return result;
    }

    static ObjectNode ref(EngineChannel channel, String direction) {
        return EngineJson.object().put("channel_id", channel.id).put("access_key", channel.accessKey)
                .put("direction", direction);
    }
}
