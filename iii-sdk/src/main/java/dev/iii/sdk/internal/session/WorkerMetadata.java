package dev.iii.sdk.internal.session;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

import dev.iii.protocol.RawJson;
import dev.iii.sdk.WorkerOptions;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The payload of {@code engine::workers::register}, the metadata call of every handshake (wire specification §4.2). */
public final class WorkerMetadata {

    /** The version of this SDK, from the jar's build. */
    public static final String SDK_VERSION = readSdkVersion();

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

    private static String readSdkVersion() {
        try (InputStream in = WorkerMetadata.class.getResourceAsStream("/META-INF/iii-sdk.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        }
        catch (IOException ex) {
            return "unknown";
        }
    }
}
