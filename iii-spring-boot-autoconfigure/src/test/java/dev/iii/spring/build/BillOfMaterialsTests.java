package dev.iii.spring.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code iii-bom} manages every published module of the reactor at the project's version, and nothing else. */
class BillOfMaterialsTests {

    private static final Path ROOT = Path.of("..");

    /** Modules that set {@code maven.deploy.skip} are built and tested in the reactor, never published. */
    private static boolean published(Element project) {
        Element properties = child(project, "properties");
        Element skip = properties == null ? null : child(properties, "maven.deploy.skip");
        return skip == null || !skip.getTextContent().strip().equals("true");
    }

    @Test
    void managesEveryPublishedModuleAtTheProjectVersion() throws Exception {
        Document root = read(ROOT.resolve("pom.xml"));
        String version = child(root.getDocumentElement(), "version").getTextContent();
        Set<String> published = new TreeSet<>();
        for (Element module : children(child(root.getDocumentElement(), "modules"), "module")) {
            Element project = read(ROOT.resolve(module.getTextContent()).resolve("pom.xml")).getDocumentElement();
            Element groupId = child(project, "groupId");
            String artifactId = child(project, "artifactId").getTextContent();
            if ((groupId == null || groupId.getTextContent().equals("dev.iii")) && !artifactId.equals("iii-bom")
                    && published(project)) {
                published.add(artifactId);
            }
        }

        Element bom = read(ROOT.resolve("iii-bom/pom.xml")).getDocumentElement();
        assertThat(child(bom, "parent")).as("a parent would leak its dependency management into users' builds").isNull();
        assertThat(child(bom, "version").getTextContent()).isEqualTo(version);
        Set<String> managed = new TreeSet<>();
        for (Element dependency : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
            assertThat(child(dependency, "groupId").getTextContent()).isEqualTo("dev.iii");
            assertThat(child(dependency, "version").getTextContent()).isEqualTo("${project.version}");
            managed.add(child(dependency, "artifactId").getTextContent());
        }
        assertThat(managed).isEqualTo(published).contains("iii-spring-boot-starter", "iii-spring-boot-starter-test");
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && nodes.item(i).getNodeName().equals(name)) {
                found.add((Element) nodes.item(i));
            }
        }
        return found;
    }
}
