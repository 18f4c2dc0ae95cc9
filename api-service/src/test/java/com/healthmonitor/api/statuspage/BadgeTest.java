package com.healthmonitor.api.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BadgeTest {

    @Test
    void aNameWithMarkupIsEscapedInTheSvg() {
        String svg = new Badge("<script>alert(1)</script> & \"co\"", "up", Badge.GREEN).svg();

        assertThat(svg)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;");
    }

    @Test
    void theValuePartIsWideEnoughForItsTextAndColoured() {
        String svg = new Badge("uptime 30d", "99.95%", Badge.GREEN).svg();

        assertThat(svg)
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"132\" height=\"20\"")
                .contains("<rect x=\"80\" width=\"52\" height=\"20\" fill=\"#2e7d32\"/>")
                .contains("aria-label=\"uptime 30d: 99.95%\"");
    }
}
