package dev.iii.sdk.internal.session;

import java.util.Locale;

import dev.iii.protocol.RawJson;
import dev.iii.sdk.WorkerOptions;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The payload of {@code engine::workers::register}, the metadata call of every handshake (wire specification §4.2). */
public final class WorkerMetadata {

    /** The metadata call's id. */
    public static final String REGISTER_WORKER = "engine::workers::register";

    private WorkerMetadata() {
    }

    public static RawJson of(WorkerOptions options, String runtime, String version) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("runtime", runtime);
        data.put("version", version);
        data.put("name", options.name());
        if (options.description() != null) {
            data.put("description", options.description());
        }
        data.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        // Workers that send no pid are hidden from engine::workers::list.
        data.put("pid", ProcessHandle.current().pid());
        if (options.namespace() != null) {
            data.put("namespace", options.namespace());
        }
        ObjectNode telemetry = data.putObject("telemetry");
        telemetry.put("language", Locale.getDefault().toLanguageTag());
        if (options.framework() != null) {
            telemetry.put("framework", options.framework());
        }
        return RawJson.of(data);
    }
}
