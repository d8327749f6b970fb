package dev.iii.engine;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine's own JSON mapper, for the trees it builds (introspection results, trigger payloads). Object
 * members are written in sorted order, as the real engine's JSON tree does.
 */
final class EngineJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private EngineJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String compact(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }
}
