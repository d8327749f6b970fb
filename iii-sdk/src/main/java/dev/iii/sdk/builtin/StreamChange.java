package dev.iii.sdk.builtin;

import tools.jackson.databind.JsonNode;

/**
 * What a function bound to the {@code stream} trigger receives when an item of a stream changes. The engine
 * sends these members in camelCase.
 *
 * @param type       always {@code stream}
 * @param timestamp  Unix milliseconds
 * @param streamName the stream
 * @param groupId    the item's group
 * @param id         the item's id
 * @param event      what happened: {@code type} ({@code create}, {@code update}, {@code delete}, ...) and
 *                   {@code data}
 */
public record StreamChange(String type, long timestamp, String streamName, String groupId, String id,
        Event event) {

    /**
     * @param type {@code create}, {@code update}, {@code delete}, ...
     * @param data the item's data
     */
    public record Event(String type, JsonNode data) {
    }
}
