package dev.iii.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The protocol frames recorded from the official Node SDK 0.22.1 ({@code vectors/*.jsonl}), as test inputs. */
public final class RecordedFrames {

    /** The two recordings: telemetry on and off. */
    public static final String[] FILES = {
            "vectors/node-sdk-0.22.1-frames.jsonl", "vectors/node-sdk-0.22.1-frames-no-otel.jsonl" };

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One recorded frame.
     *
     * @param name      file, sequence number, direction and type
     * @param direction {@code sdk->engine} or {@code engine->sdk}
     * @param raw       the frame's exact text
     */
    public record Frame(String name, String direction, String raw) {
    }

    private RecordedFrames() {
    }

    /**
     * The OTLP/JSON of the {@code MTRC} metrics frames the Node SDK sent on its telemetry socket (the recording
     * keeps the JSON of those it summarises), without the 4-byte prefix.
     */
    public static List<JsonNode> metricsRequests() {
        List<JsonNode> requests = new ArrayList<>();
        try (InputStream in = RecordedFrames.class.getClassLoader().getResourceAsStream(FILES[0]);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode frame = JSON.readTree(line).get("frame");
                if (frame != null && frame.isObject() && "MTRC".equals(frame.path("prefix").asString(null))
                        && frame.has("json")) {
                    requests.add(frame.get("json"));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return List.copyOf(requests);
    }

    /** Every protocol frame of the worker socket, in recording order. */
    public static List<Frame> all() {
        List<Frame> frames = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = RecordedFrames.class.getClassLoader().getResourceAsStream(file);
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    JsonNode record = JSON.readTree(line);
                    JsonNode frame = record.get("frame");
                    boolean protocolFrame = frame != null && record.get("conn").asString().startsWith("main#")
                            && !frame.has("ws_opcode");
                    if (protocolFrame) {
                        String raw = record.has("raw") ? record.get("raw").asString() : JSON.writeValueAsString(frame);
                        String name = file.substring(file.lastIndexOf('/') + 1) + " #" + record.get("seq").asInt()
                                + " " + record.get("direction").asString() + " " + frame.get("type").asString();
                        frames.add(new Frame(name, record.get("direction").asString(), raw));
                    }
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return List.copyOf(frames);
    }
}
