package dev.iii.bench.jmh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Frames recorded from the Node SDK 0.22.1 ({@code vectors/node-sdk-0.22.1-frames-no-otel.jsonl}, a copy of
 * {@code shared/vectors}). A frame is named {@code DIRECTION:TYPE}, such as {@code engine->sdk:invokefunction}:
 * the first recorded frame of that type in that direction. Its text is the exact text the SDK sent
 * ({@code raw}) where the recording has it, else the recorded frame written compactly.
 */
public final class RecordedFrames {

    private static final String RESOURCE = "/vectors/node-sdk-0.22.1-frames-no-otel.jsonl";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RecordedFrames() {
    }

    /**
     * The text of the frame named {@code name}.
     *
     * @throws IllegalArgumentException when the recording has no such frame
     */
    public static String text(String name) {
        int colon = name.lastIndexOf(':');
        String direction = name.substring(0, colon);
        String type = name.substring(colon + 1);
        try (InputStream in = RecordedFrames.class.getResourceAsStream(RESOURCE);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode record = JSON.readTree(line);
                if (direction.equals(record.path("direction").asString()) && type.equals(record.path("frame").path("type").asString())) {
                    return record.has("raw") ? record.get("raw").asString() : JSON.writeValueAsString(record.get("frame"));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        throw new IllegalArgumentException("no recorded frame " + name);
    }
}
