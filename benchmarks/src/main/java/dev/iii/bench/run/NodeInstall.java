package dev.iii.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.iii.bench.process.Command;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Node.js and the Node SDK the harness runs: {@code node} from the {@code PATH}, and npm {@code iii-sdk} from
 * {@code interop/}'s pinned install ({@code npm ci} there first when {@code node_modules} is missing).
 *
 * @param nodeVersion {@code node --version}
 * @param sdkVersion  the installed {@code iii-sdk}'s version
 * @param sdkModule   file URL of the SDK's ES module entry point, as its {@code package.json} exports it
 */
public record NodeInstall(String nodeVersion, String sdkVersion, String sdkModule) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Finds Node.js and the SDK, installing interop's packages when they are missing.
     *
     * @throws IllegalStateException when Node.js is not on the {@code PATH} or {@code npm ci} fails
     */
    public static NodeInstall locate(Path interop) {
        String version = run(interop, List.of("node", "--version"), 30);
        Path sdk = interop.resolve("node_modules/iii-sdk");
        if (!Files.isRegularFile(sdk.resolve("package.json"))) {
            System.out.println("Installing interop's pinned Node packages (npm ci in " + interop + ")");
            run(interop, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 300);
        }
        try {
            JsonNode manifest = JSON.readTree(Files.readString(sdk.resolve("package.json")));
            String entry = manifest.path("exports").path(".").path("import").asString();
            if (entry.isEmpty()) {
                throw new IllegalStateException(sdk + "/package.json exports no ES module entry point");
            }
            return new NodeInstall(version, manifest.path("version").asString(), sdk.resolve(entry).normalize().toUri().toString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String run(Path directory, List<String> command, int timeoutSeconds) {
        try {
            return Command.output(directory, Duration.ofSeconds(timeoutSeconds), command);
        }
        catch (IllegalStateException ex) {
            throw new IllegalStateException("Node.js 20+ with npm must be on the PATH for the Node rows: " + ex.getMessage(), ex);
        }
    }
}
