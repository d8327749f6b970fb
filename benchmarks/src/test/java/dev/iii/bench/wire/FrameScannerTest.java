package dev.iii.bench.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FrameScannerTest {

    @Test
    void findsTheMembersOfAnInvocationWhateverTheirOrderAndNesting() {
        String frame = "{ \"data\" : {\"a\":[1,{\"b\":\"}]\\\"{\"}],\"c\":null} , \"type\":\"invokefunction\","
                + "\"metadata\":{\"x\":[true,false]},\"invocation_id\":\"e5059ec9-74f4-46d2-93ef-afd38458eb62\","
                + "\"function_id\":\"bench::echo\",\"traceparent\":\"00-ab-cd-01\"}";

        ScannedFrame scanned = FrameScanner.scan(frame);

        assertThat(scanned.type()).isEqualTo("invokefunction");
        assertThat(scanned.invocationId()).isEqualTo("e5059ec9-74f4-46d2-93ef-afd38458eb62");
        assertThat(frame.substring(scanned.dataStart(), scanned.dataEnd())).isEqualTo("{\"a\":[1,{\"b\":\"}]\\\"{\"}],\"c\":null}");
        assertThat(scanned.error()).isFalse();
    }

    @Test
    void scalarDataAndErrors() {
        ScannedFrame number = FrameScanner.scan("{\"type\":\"invokefunction\",\"data\":12.5e3,\"invocation_id\":null}");
        assertThat(number.invocationId()).isNull();
        assertThat("{\"type\":\"invokefunction\",\"data\":12.5e3,\"invocation_id\":null}".substring(number.dataStart(), number.dataEnd()))
                .isEqualTo("12.5e3");

        assertThat(FrameScanner.scan("{\"type\":\"invocationresult\",\"error\":{\"code\":\"x\",\"message\":\"y\"}}").error()).isTrue();
        assertThat(FrameScanner.scan("{\"type\":\"invocationresult\",\"error\":null,\"result\":1}").error()).isFalse();
        assertThat(FrameScanner.scan("{}").type()).isNull();
    }

    @Test
    void refusesWhatIsNotAnObject() {
        assertThatIllegalArgumentException().isThrownBy(() -> FrameScanner.scan("[1,2]"));
        assertThatIllegalArgumentException().isThrownBy(() -> FrameScanner.scan("{\"type\":\"x\""));
    }
}
