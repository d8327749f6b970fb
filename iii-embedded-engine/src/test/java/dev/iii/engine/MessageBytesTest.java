package dev.iii.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageBytesTest {

    private final List<String> messages = new ArrayList<>();
    private int tooBig;
    private final MessageBytes bytes = new MessageBytes(200_000,
            message -> messages.add(new String(message, StandardCharsets.UTF_8)), () -> tooBig++);

    @Test
    void gathersPartsOfAnySizeInOrderAndStartsAfreshAfterEachMessage() {
        String first = "a".repeat(WorkerSocketServer.FRAME_PART - 3);
        bytes.add(part(first.substring(0, 100)), false);
        bytes.add(part(first.substring(100)), true);
        String second = "b".repeat(3 * WorkerSocketServer.FRAME_PART);
        for (int from = 0; from < second.length(); from += 50_000) {
            bytes.add(part(second.substring(from, Math.min(second.length(), from + 50_000))),
                    from + 50_000 >= second.length());
        }
        bytes.add(part("whole"), true);
        assertThat(messages).containsExactly(first, second, "whole");
        assertThat(tooBig).isZero();
    }

    @Test
    void aMessageThatGrowsPastTheLimitIsDroppedAndReportedOnce() {
        bytes.add(part("x".repeat(150_000)), false);
        bytes.add(part("x".repeat(60_000)), false);
        assertThat(tooBig).isEqualTo(1);
        assertThat(messages).isEmpty();
        bytes.add(part("next"), true);
        assertThat(messages).containsExactly("next");
    }

    private static ByteBuffer part(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
