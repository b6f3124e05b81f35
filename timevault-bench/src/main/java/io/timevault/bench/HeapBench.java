package io.timevault.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 7: runs {@link HeapChild} in a child JVM with {@code -Xmx64m}, appending the big log (1 GiB, or 256 MiB
 * with --quick) through the adapter in batches of 1024. Prints {@code HEAP_MB <peak>}; the log stays for the open
 * and read figures.
 */
final class HeapBench {

    static final int MAX_HEAP_MB = 64;
    private static final Pattern PEAK = Pattern.compile("peak_mb=([0-9.]+)");
    private static final Pattern ENTRIES = Pattern.compile("entries=([0-9]+)");

    private final BenchConfig config;
    private final Report report;

    HeapBench(BenchConfig config, Report report) {
        this.config = config;
        this.report = report;
    }

    /** Builds the big log under {@code root}; returns how many entries it holds. */
    long buildBigLog(Path root) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx" + MAX_HEAP_MB + "m", "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", HeapChild.class.getName(), root.toString(),
                Long.toString(config.bigLogBytes()), "1024");
        String line = null;
        int exit;
        try {
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = out.readLine()) != null; ) {
                    if (l.startsWith("HEAP_CHILD ")) {
                        line = l;
                    } else {
                        System.out.println(l);
                    }
                }
            }
            if (!child.waitFor(30, TimeUnit.MINUTES)) {
                child.destroyForcibly();
                throw new IllegalStateException("heap child did not finish");
            }
            exit = child.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (exit != 0 || line == null) {
            report.raw("heap", "ok=false exit=" + exit + " xmx_mb=" + MAX_HEAP_MB);
            throw new IllegalStateException("appending " + config.bigLogLabel() + " under -Xmx" + MAX_HEAP_MB
                    + "m failed (exit " + exit + ")");
        }
        String values = line.substring("HEAP_CHILD ".length());
        report.raw("heap_append_" + config.bigLogLabel(), values + " xmx_mb=" + MAX_HEAP_MB + " batch=1024");
        Matcher peak = PEAK.matcher(values);
        Matcher entries = ENTRIES.matcher(values);
        if (!peak.find() || !entries.find()) {
            throw new IllegalStateException("unparseable heap child output: " + line);
        }
        double peakMb = Double.parseDouble(peak.group(1));
        report.heap(peakMb, "appending=" + config.bigLogLabel() + " xmx_mb=" + MAX_HEAP_MB + " target<"
                + MAX_HEAP_MB + " " + (peakMb < MAX_HEAP_MB ? "met" : "MISSED"));
        return Long.parseLong(entries.group(1));
    }
}
