package com.healthmonitor.api.statuspage;

import org.springframework.web.util.HtmlUtils;

/**
 * A shields.io-style flat badge: a grey label and a coloured value. Text widths are estimated (Verdana 11 px
 * averages about 7 px a character), which is what such badges do without a font at hand.
 */
record Badge(String label, String value, String colour) {

    static final String GREEN = "#2e7d32";
    static final String RED = "#c62828";
    static final String ORANGE = "#b35c00";
    static final String GREY = "#595959";

    String svg() {
        int labelWidth = width(label);
        int valueWidth = width(value);
        int total = labelWidth + valueWidth;
        String l = HtmlUtils.htmlEscape(label);
        String v = HtmlUtils.htmlEscape(value);
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="%1$d" height="20" role="img" aria-label="%2$s: %3$s">\
                <title>%2$s: %3$s</title>\
                <rect width="%4$d" height="20" fill="#555"/>\
                <rect x="%4$d" width="%5$d" height="20" fill="%6$s"/>\
                <g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">\
                <text x="%7$d" y="14">%2$s</text><text x="%8$d" y="14">%3$s</text></g></svg>""".formatted(total, l, v, labelWidth, valueWidth, colour, labelWidth / 2, labelWidth + valueWidth / 2);
    }

    private static int width(String text) {
        return 10 + 7 * text.length();
    }
}
