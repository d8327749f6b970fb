package dev.iii.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quickstart's production jar (the executable one its build repackages) holds the worker and not the
 * embedded engine: a deploy that forgets {@code III_URL} cannot start a private engine and report UP. The
 * engine is a test dependency, used by {@code TestQuickstartApplication} and the tests only.
 */
class QuickstartJarTest {

    @Test
    void theProductionJarHasTheWorkerAndNoEngine() throws IOException {
        Path jar = Path.of(System.getProperty("quickstart.jar",
                "../samples/quickstart/target/quickstart-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(jar).as("the quickstart's executable jar, built before this module").exists();
        List<String> libraries;
        try (JarFile file = new JarFile(jar.toFile())) {
            libraries = file.stream().map(JarEntry::getName).filter(name -> name.startsWith("BOOT-INF/lib/"))
                    .map(name -> name.substring("BOOT-INF/lib/".length())).toList();
            assertThat(file.getEntry("BOOT-INF/classes/dev/iii/samples/quickstart/QuickstartApplication.class")).isNotNull();
            assertThat(file.stream().map(JarEntry::getName))
                    .noneMatch(name -> name.contains("TestQuickstartApplication") || name.startsWith("dev/iii/engine/"));
        }
        assertThat(libraries).anyMatch(name -> name.startsWith("iii-sdk-"))
                .anyMatch(name -> name.startsWith("iii-spring-boot-autoconfigure-"))
                .noneMatch(name -> name.startsWith("iii-embedded-engine-"))
                .noneMatch(name -> name.startsWith("iii-spring-boot-test-"));
    }
}
