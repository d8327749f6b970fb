package dev.iii.protocol;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The codec against hostile input: whatever arrives, decoding either gives a message or refuses the frame
 * with a {@link ProtocolException}; nothing else escapes, and what decodes can be written again. As many
 * inputs as {@code -Dfuzz.inputs} says (10^4 in every build).
 */
class DecoderFuzzTest {

    private final MessageCodec codec = new MessageCodec();

    @Provide
    Arbitrary<byte[]> hostile() {
        return HostileFrames.any();
    }

    @Property
    void nothingButAProtocolExceptionEscapesAndWhatDecodesWritesAgain(@ForAll("hostile") byte[] frame) {
        Message message;
        try {
            message = codec.decode(frame);
        }
        catch (ProtocolException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            message = null;
        }
        if (message != null && !(message instanceof UnknownMessage) && MessageCodec.blankNamespaceMember(message) == null) {
            Message again = codec.decode(codec.encode(message));
            assertThat(again.getClass()).isEqualTo(message.getClass());
        }
        FrameHead head = codec.readHead(frame, frame.length);
        assertThat(head).isNotNull();
    }
}
