package dev.iii.bench.jmh;

import java.lang.reflect.Field;

import dev.iii.protocol.MessageCodec;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Every frame the codec benchmark names is in the recording and decodes (nothing here is timed). */
class RecordedFramesTest {

    @Test
    void everyBenchmarkedFrameIsRecordedAndDecodes() throws Exception {
        Field frame = MessageCodecBenchmark.class.getField("frame");
        MessageCodec codec = new MessageCodec();
        for (String name : frame.getAnnotation(Param.class).value()) {
            String text = RecordedFrames.text(name);
            assertThat(codec.decode(text).getClass().getSimpleName()).isEqualToIgnoringCase(name.substring(name.indexOf(':') + 1));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> RecordedFrames.text("sdk->engine:nothing"));
    }
}
