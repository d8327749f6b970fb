package dev.iii.sdk.builtin;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * What a function bound to the {@code state} trigger receives when a value changes through
 * {@code state::set}, {@code state::update} or {@code state::delete}.
 *
 * @param type      always {@code state}
 * @param eventType {@code state:created}, {@code state:updated} or {@code state:deleted}
 * @param scope     the value's scope
 * @param key       the value's key
 * @param oldValue  the value before, or {@code null}
 * @param newValue  the value after, or {@code null}
 */
public record StateChange(String type, @JsonProperty("event_type") String eventType, String scope, String key,
        @JsonProperty("old_value") JsonNode oldValue, @JsonProperty("new_value") JsonNode newValue) {
}
