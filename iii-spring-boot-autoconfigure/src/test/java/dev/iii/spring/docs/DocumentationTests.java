package dev.iii.spring.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code docs/spring-boot.md} quotes compiled code and lists exactly the properties the metadata has. */
class DocumentationTests {

    private static final Path DOC = Path.of("../docs/spring-boot.md");

    @Test
    void theExampleIsCompiledCode() throws Exception {
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/iii/spring/docs/ShippingService.java"));
        String example = String.join("\n", source.subList(source.indexOf("// docs:start") + 1,
                source.indexOf("// docs:end")));
        assertThat(Files.readString(DOC)).contains("```java\n" + example + "\n```");
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
