package dev.iii.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DocsSectionTest {

    @Test
    void replacesOnlyWhatIsBetweenTheMarkers() {
        String document = "# Title\nprose\n" + DocsSection.START + "\nold table\n" + DocsSection.END + "\nafter\n";

        String updated = DocsSection.replace(document, "new table\n");

        assertThat(updated).isEqualTo("# Title\nprose\n" + DocsSection.START + "\n\nnew table\n\n" + DocsSection.END + "\nafter\n");
        assertThat(DocsSection.replace(updated, "new table")).isEqualTo(updated);
    }

    @Test
    void refusesADocumentWithoutTheMarkers() {
        assertThatIllegalArgumentException().isThrownBy(() -> DocsSection.replace("# Title", "table"));
        assertThatIllegalArgumentException().isThrownBy(() -> DocsSection.replace(DocsSection.END + DocsSection.START, "table"));
    }
}
