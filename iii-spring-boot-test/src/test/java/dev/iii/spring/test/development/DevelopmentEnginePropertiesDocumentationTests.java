package dev.iii.spring.test.development;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The property table of docs/testing.md is the development-time engine's generated metadata. */
class DevelopmentEnginePropertiesDocumentationTests {

    @Test
    void theTableListsEveryPropertyWithItsDefaultAndDescription() throws Exception {
        Map<String, String> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(iii\\.embedded\\.[a-z.-]+)` \\| `([^`]*)` \\| (.*) \\|$")
                .matcher(Files.readString(Path.of("../docs/testing.md")));
        while (row.find()) {
            documented.put(row.group(1), row.group(2) + " | " + row.group(3));
        }
        Map<String, String> metadata = new TreeMap<>();
        JsonNode properties = JsonMapper.builder().build()
                .readTree(Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile()).get("properties");
        for (JsonNode property : properties) {
            metadata.put(property.get("name").asString(),
                    property.get("defaultValue").asString() + " | " + property.get("description").asString());
        }
        assertThat(documented).isEqualTo(metadata);
    }
}
