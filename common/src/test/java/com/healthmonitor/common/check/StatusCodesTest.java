package com.healthmonitor.common.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCodesTest {

    @Test
    void matchesCodesAndInclusiveRanges() {
        StatusCodes codes = StatusCodes.parse(List.of("200-299", "301"));

        assertThat(codes.contains(200)).isTrue();
        assertThat(codes.contains(299)).isTrue();
        assertThat(codes.contains(301)).isTrue();
        assertThat(codes.contains(300)).isFalse();
        assertThat(codes.contains(503)).isFalse();
        assertThat(codes).hasToString("200-299, 301");
        assertThat(codes.singleCode()).isEqualTo(-1);
        assertThat(StatusCodes.parse(List.of("204")).singleCode()).isEqualTo(204);
    }

    @Test
    void refusesInvertedRangesOutOfRangeCodesAndGarbage() {
        assertThatThrownBy(() -> StatusCodes.parse(List.of("299-200"))).hasMessageContaining("inverted range");
        assertThatThrownBy(() -> StatusCodes.parse(List.of("099"))).hasMessageContaining("outside 100-599");
        assertThatThrownBy(() -> StatusCodes.parse(List.of("2xx"))).hasMessageContaining("\"2xx\" is not");
        assertThatThrownBy(() -> StatusCodes.parse(List.of())).hasMessageContaining("at least one");
    }
}
