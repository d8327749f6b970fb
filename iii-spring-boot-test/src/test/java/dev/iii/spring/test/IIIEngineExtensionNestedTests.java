package dev.iii.spring.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.iii.engine.EmbeddedEngine;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** With {@code @Nested} classes the extension keeps one engine for the outer class and closes it. */
class IIIEngineExtensionNestedTests {

    /** An engine a test of {@link WithNestedClasses} saw, and the port it listened on then. */
    record Seen(EmbeddedEngine engine, int port) {
        static void record(EmbeddedEngine engine) {
            SEEN.add(new Seen(engine, engine.port()));
        }
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    /** Run by the test kit below, not by the build on its own (surefire skips nested classes). */
    static class WithNestedClasses {

        @RegisterExtension
        static IIIEngineExtension iii = new IIIEngineExtension();

        @Test
        void outer(EmbeddedEngine engine) {
            Seen.record(engine);
        }

        @Nested
        class Inner {
            @Test
            void inner(EmbeddedEngine engine, IIITestClient client) {
                Seen.record(engine);
                assertThat(client.engine()).isSameAs(engine);
            }

            @Nested
            class Innermost {
                @Test
                void innermost(EmbeddedEngine engine) {
                    Seen.record(engine);
                }
            }
        }
    }

    @Test
    void nestedClassesShareTheOuterEngineAndItIsClosedAfterwards() {
        SEEN.clear();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(WithNestedClasses.class)).execute().testEvents()
                .assertStatistics(stats -> stats.succeeded(3).failed(0));
        assertThat(SEEN).hasSize(3).allSatisfy(seen ->
                assertThat(listening(seen)).as("an engine still listens after the class ran").isFalse());
        assertThat(SEEN).allSatisfy(seen -> assertThat(seen.engine()).isSameAs(SEEN.get(0).engine()));
    }

    private static boolean listening(Seen seen) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(seen.engine().host(), seen.port()), 2000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}
