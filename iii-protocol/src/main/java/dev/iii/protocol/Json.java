package dev.iii.protocol;

import tools.jackson.databind.json.JsonMapper;

/** The protocol's own mapper, so that no application's Jackson configuration can ever change the wire. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }
}
