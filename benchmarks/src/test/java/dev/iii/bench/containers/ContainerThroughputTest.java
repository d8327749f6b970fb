package dev.iii.bench.containers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerThroughputTest {

    @Test
    void aRoundIsReadFromTheLineTheClientPrints() {
        ContainerThroughput.Round round = ContainerThroughput.Round.parse("ROUND 338.5 2.61 3.40");
        assertThat(round.mibPerSecond()).isEqualTo(338.5);
        assertThat(round.clientNanosPerByte()).isEqualTo(2.61);
        assertThat(round.serverNanosPerByte()).isEqualTo(3.40);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(ContainerThroughput.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(ContainerThroughput.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }
}
