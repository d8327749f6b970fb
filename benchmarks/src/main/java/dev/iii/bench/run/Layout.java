package dev.iii.bench.run;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where everything a run starts lives, in a built checkout: the engine's standalone jar, the quickstart's
 * class path, the Node scripts, the Java executable and class path the harness itself runs with (every Java process
 * of the run uses both), and the run directory for logs and payload files.
 *
 * @param repository    the checkout's root
 * @param runDirectory  this run's logs, payload files and raw figures
 * @param engineJar     {@code iii-embedded-engine}'s {@code -standalone} jar
 * @param quickstart    the quickstart sample's class path: its jar and its runtime dependencies
 * @param nodeScripts   {@code benchmarks/node}
 * @param java          the {@code java} executable of this JVM
 * @param classPath     this JVM's class path
 */
public record Layout(Path repository, Path runDirectory, Path engineJar, String quickstart, Path nodeScripts,
        String java, String classPath) {

    /**
     * Finds the built jars of this version in {@code repository}.
     *
     * @throws IllegalStateException when one is missing (build first: {@code benchmarks/run} does)
     */
    public static Layout of(Path repository, Path runDirectory) {
        String version = projectVersion();
        Path engine = require(repository.resolve("iii-embedded-engine/target/iii-embedded-engine-" + version + "-standalone.jar"));
        // Its jar rather than its classes: an AOT cache takes a class path of jars only.
        Path quickstartJar = require(repository.resolve("samples/quickstart/target/quickstart-" + version + ".jar"));
        Path quickstartDependencies = require(repository.resolve("samples/quickstart/target/classpath.txt"));
        Path scripts = require(repository.resolve("benchmarks/node/caller.mjs")).getParent();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            String quickstart = quickstartJar + File.pathSeparator + Files.readString(quickstartDependencies).trim();
            Files.createDirectories(runDirectory);
            return new Layout(repository, runDirectory, engine, quickstart, scripts, java, System.getProperty("java.class.path"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** {@code interop/}, whose pinned Node install the Node processes use. */
    public Path interop() {
        return repository.resolve("interop");
    }

    private static Path require(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build it first (benchmarks/run does: "
                    + "./mvnw ... package with maven-dependency-plugin:build-classpath)");
        }
        return file;
    }

    private static String projectVersion() {
        try (InputStream in = Layout.class.getResourceAsStream("/iii-benchmarks.properties")) {
            if (in == null) {
                throw new IllegalStateException("iii-benchmarks.properties is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("project.version");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
