package dev.iii.sdk.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The quick start of {@code docs/sdk.md} is this compiled example, word for word, and stays under 30 lines. */
class OrdersWorkerTest {

    @Test
    void docsQuoteTheCompiledExample() throws Exception {
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/iii/sdk/example/OrdersWorker.java"));
        String example = String.join("\n", source.subList(source.indexOf("// docs:start") + 1,
                source.indexOf("// docs:end")));
        String docs = Files.readString(Path.of("../docs/sdk.md"));
        assertThat(docs).contains("```java\n" + example + "\n```");
        long codeLines = example.lines().filter(line -> !line.isBlank() && !line.startsWith("import")).count();
        assertThat(codeLines).isLessThan(30);
    }
}
