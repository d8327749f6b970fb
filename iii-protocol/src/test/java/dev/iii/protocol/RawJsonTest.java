package dev.iii.protocol;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawJsonTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    record Order(String sku, int quantity) {
    }

    @Test
    void parseKeepsTheTextAndRefusesAnythingButOneValue() {
        assertThat(RawJson.parse(" {\"a\": 1} ").toString()).isEqualTo(" {\"a\": 1} ");
        assertThatThrownBy(() -> RawJson.parse("")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RawJson.parse("{\"a\":")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RawJson.parse("1 2")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RawJson.parse("{} x")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void valuesAreWrittenAndReadWithTheGivenMapper() {
        RawJson raw = RawJson.write(MAPPER, new Order("A1", 2));
        assertThat(raw.toString()).isEqualTo("{\"sku\":\"A1\",\"quantity\":2}");
        assertThat(raw.<Order>read(MAPPER, MAPPER.constructType(Order.class))).isEqualTo(new Order("A1", 2));
        assertThat(RawJson.write(MAPPER, null)).isEqualTo(RawJson.NULL);
        assertThat(RawJson.write(MAPPER, raw)).isSameAs(raw);
        assertThat(RawJson.write(MAPPER, List.of(1, 2)).tree()).isEqualTo(MAPPER.readTree("[1,2]"));
    }

    @Test
    void treesAndShapes() {
        RawJson object = RawJson.of(MAPPER.valueToTree(Map.of("a", 1)));
        assertThat(object.isObject()).isTrue();
        assertThat(object.isNull()).isFalse();
        assertThat(object.tree()).isNotSameAs(object.tree()).isEqualTo(object.tree());
        assertThat(RawJson.of(null)).isEqualTo(RawJson.NULL);
        assertThat(RawJson.NULL.isNull()).isTrue();
        assertThat(RawJson.parse(" []").isObject()).isFalse();
        assertThat(RawJson.parse("{\"a\":1}")).isEqualTo(RawJson.parse("{\"a\":1}")).hasSameHashCodeAs(RawJson.parse("{\"a\":1}"));
        assertThat(RawJson.parse("{\"a\":1}")).isNotEqualTo(RawJson.parse("{\"a\": 1}"));
        assertThat(RawJson.parse("\"é\"").size()).isEqualTo(4);
        assertThat(RawJson.parse("\"é\"").toByteArray()).hasSize(4);
    }
}
