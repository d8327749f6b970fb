package dev.iii.bench.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpreadTest {

    @Test
    void medianAndRangeLeavingOutRoundsWithoutFigures() {
        Spread odd = Spread.of(List.of(3.0, 1.0, Double.NaN, 2.0));
        assertThat(odd.median()).isEqualTo(2.0);
        assertThat(odd.min()).isEqualTo(1.0);
        assertThat(odd.max()).isEqualTo(3.0);
        assertThat(odd.count()).isEqualTo(3);
        assertThat(odd.relativeHalfRange()).isCloseTo(0.5, within(1e-9));

        assertThat(Spread.of(List.of(4.0, 1.0, 2.0, 3.0)).median()).isEqualTo(2.5);
        assertThat(Spread.of(List.of(4.0)).relativeHalfRange()).isNaN();
        assertThat(Spread.of(List.of(Double.NaN)).median()).isNaN();
        assertThat(Spread.of(List.of(4.0)).ratioTo(Spread.of(List.of(2.0)))).isEqualTo(2.0);
    }

    @Test
    void figures() {
        assertThat(Figures.number(18250.4)).isEqualTo("18,250");
        assertThat(Figures.number(45.34)).isEqualTo("45.3");
        assertThat(Figures.number(1.266)).isEqualTo("1.27");
        assertThat(Figures.number(0.5623)).isEqualTo("0.562");
        assertThat(Figures.number(Double.NaN)).isEqualTo("–");
        assertThat(Figures.ratio(0.912)).isEqualTo("0.91×");
        assertThat(Figures.spread(Spread.of(List.of(97.0, 100.0, 103.0)))).isEqualTo(" ±3.0%");
        assertThat(Figures.spread(Spread.of(List.of(100.0)))).isEmpty();
    }
}
