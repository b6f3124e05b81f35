package io.timevault.bench;

import java.util.Locale;

/**
 * Prints the bench's output, one fact per line, so that scripts can grep it:
 * <pre>
 * RAW   &lt;name&gt; key=value ...                    a measurement
 * RATIO &lt;name&gt; &lt;value&gt; key=value ... target=&lt;op&gt;&lt;x&gt; met|MISSED
 * HEAP_MB &lt;value&gt; ...
 * SKIP  &lt;name&gt; &lt;reason&gt;
 * NOTE  &lt;text&gt;
 * </pre>
 * The key=value pairs after a ratio are the numbers it was computed from. Thread rule: main thread only.
 */
final class Report {

    private int missed;

    void raw(String name, String values) {
        System.out.println("RAW " + name + " " + values);
    }

    /** A ratio that should be at least {@code min}. */
    void ratioAtLeast(String name, double value, double min, String from) {
        ratio(name, value, ">=" + num(min), value >= min, from);
    }

    /** A ratio that should be at most {@code max}. */
    void ratioAtMost(String name, double value, double max, String from) {
        ratio(name, value, "<=" + num(max), value <= max, from);
    }

    private void ratio(String name, double value, String target, boolean met, String from) {
        if (!met) {
            missed++;
        }
        System.out.println("RATIO " + name + " " + num(value) + " " + from + " target" + target + " "
                + (met ? "met" : "MISSED"));
    }

    /** A count that should be at most {@code max}, printed as {@code NAME <n> ... target<=max met|MISSED}. */
    void count(String name, long value, long max, String from) {
        boolean met = value <= max;
        if (!met) {
            missed++;
        }
        System.out.println(name + " " + value + " " + from + " target<=" + max + " "
                + (met ? "met" : "MISSED"));
    }

    void heap(double peakMb, String from) {
        System.out.println("HEAP_MB " + num(peakMb) + " " + from);
    }

    void skip(String name, String reason) {
        System.out.println("SKIP " + name + " " + reason.replace('\n', ' '));
    }

    void note(String text) {
        System.out.println("NOTE " + text);
    }

    int missed() {
        return missed;
    }

    /** Three significant digits at least, no grouping: parseable by the chart and by awk. */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        String pattern = a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : a >= 0.01 ? "%.3f" : "%.6f";
        return String.format(Locale.ROOT, pattern, v);
    }
}
