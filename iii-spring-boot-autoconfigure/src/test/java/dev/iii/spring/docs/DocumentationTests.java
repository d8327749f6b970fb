package dev.iii.spring.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The docs quote compiled code, and {@code docs/spring-boot.md} lists exactly the properties the metadata has. */
class DocumentationTests {

    private static final Path DOC = Path.of("../docs/spring-boot.md");

    /**
     * Every Java block of the README and of {@code docs/} (at any depth) is the text of a region marked
     * {@code // docs:start} ... {@code // docs:end} in a source file the build compiles.
     */
    @Test
    void everyJavaBlockInTheDocsIsCompiledCode() throws Exception {
        Path root = Path.of("..").toRealPath();
        Set<String> compiled = new HashSet<>();
        try (Stream<Path> sources = Files.walk(root)) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> path.toString().contains("/src/") && !path.toString().contains("/target/")
                            && !path.toString().contains("node_modules"))
                    .toList()) {
                compiled.addAll(markedRegions(Files.readAllLines(source)));
            }
        }
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        // The whole tree: design notes under docs/design are docs too.
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).forEach(pages::add);
        }
        List<String> notCompiled = new ArrayList<>();
        Pattern javaBlock = Pattern.compile("```java\n(.*?)\n```", Pattern.DOTALL);
        for (Path page : pages) {
            Matcher block = javaBlock.matcher(Files.readString(page));
            while (block.find()) {
                if (!compiled.contains(block.group(1))) {
                    notCompiled.add(root.relativize(page) + ":\n" + block.group(1));
                }
            }
        }
        assertThat(notCompiled).as("Java blocks with no compiled counterpart").isEmpty();
        assertThat(pages).hasSizeGreaterThan(3);
    }

    private static List<String> markedRegions(List<String> lines) {
        List<String> regions = new ArrayList<>();
        List<String> current = null;
        for (String line : lines) {
            if (line.strip().equals("// docs:start")) {
                current = new ArrayList<>();
            }
            else if (line.strip().equals("// docs:end") && current != null) {
                regions.add(dedent(current));
                current = null;
            }
            else if (current != null) {
                current.add(line);
            }
        }
        return regions;
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList());
    }

    @Test
    void thePropertyTableMatchesTheGeneratedMetadata() throws Exception {
        Map<String, String> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z.-]+)` \\| (`([^`]*)`)? *\\|").matcher(Files.readString(DOC));
        while (row.find()) {
            documented.put(row.group(1), row.group(3) == null ? "" : row.group(3));
        }
        Map<String, String> metadata = new TreeMap<>();
        for (String file : List.of("target/classes/META-INF/spring-configuration-metadata.json")) {
            JsonNode properties = JsonMapper.builder().build().readTree(Path.of(file).toFile()).get("properties");
            for (JsonNode property : properties) {
                JsonNode value = property.get("defaultValue");
                metadata.put(property.get("name").asString(),
                        value == null ? "" : value.asString().toLowerCase(Locale.ROOT));
            }
        }
        documented.replaceAll((name, value) -> value.toLowerCase(Locale.ROOT));
        assertThat(documented).isEqualTo(metadata);
    }
}
