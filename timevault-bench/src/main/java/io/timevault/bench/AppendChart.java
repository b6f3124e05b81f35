package io.timevault.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Draws the append chart from a bench output file: durable append throughput (entries per second, log scale) by
 * batch size for timevault, the three raw disk loops and the two RocksDB log stores, read from the {@code RAW append_b<N>} lines. Headless AWT.
 *
 * <p>Usage: {@code AppendChart <bench output> <chart.png>}
 */
public final class AppendChart {

    private static final Pattern LINE = Pattern.compile("^RAW append_b(\\d+) (.*)$");
    private static final String[] SERIES = {"timevault", "raw", "raw_prealloc", "raw_overwrite", "rocksdb",
            "rocksdb_segment"};
    private static final String[] LABELS = {"timevault adapter", "raw write+fdatasync, growing file",
            "raw, fallocated (KEEP_SIZE)", "raw, overwriting written space", "RocksDBLogStorage (sync)",
            "RocksDBSegmentLogStorage (sync)"};
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0x7f7f7f), new Color(0xbcbd22),
            new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd)};

    private AppendChart() {
    }

    public static void main(String[] args) throws IOException {
        List<Integer> batches = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        String mode = "";
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.startsWith("NOTE mode=")) {
                mode = line.substring("NOTE mode=".length()).split(" ")[0];
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            double[] v = new double[SERIES.length];
            for (int s = 0; s < SERIES.length; s++) {
                Matcher kv = Pattern.compile("(?:^| )" + SERIES[s] + "_entries_per_s=([0-9.]+)").matcher(m.group(2));
                v[s] = kv.find() ? Double.parseDouble(kv.group(1)) : Double.NaN;
            }
            batches.add(Integer.parseInt(m.group(1)));
            values.add(v);
        }
        if (batches.isEmpty()) {
            System.out.println("NOTE no append figures in " + args[0] + ": no chart");
            return;
        }
        Path out = Path.of(args[1]);
        ImageIO.write(draw(batches, values, mode), "png", out.toFile());
        System.out.println("NOTE chart " + out);
    }

    static BufferedImage draw(List<Integer> batches, List<double[]> values, String mode) {
        int w = 1000;
        int h = 560;
        int left = 90;
        int right = 30;
        int top = 70;
        int bottom = 110;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);

        double max = 1;
        for (double[] v : values) {
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    max = Math.max(max, x);
                }
            }
        }
        int lo = 1; // 10 entries/s
        int hi = (int) Math.ceil(Math.log10(max * 1.5));
        int plotH = h - top - bottom;
        int plotW = w - left - right;

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("Durable append throughput by batch size (256-byte payloads" + (mode.isEmpty() ? "" : ", " + mode
                + " run") + ")", left - 60, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        // grid and y axis: decades
        for (int d = lo; d <= hi; d++) {
            int y = top + plotH - (int) Math.round((double) (d - lo) / (hi - lo) * plotH);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, w - right, y);
            g.setColor(Color.BLACK);
            String label = d >= 6 ? (long) Math.pow(10, d - 6) + "M" : d >= 3 ? (long) Math.pow(10, d - 3) + "k"
                    : String.valueOf((long) Math.pow(10, d));
            g.drawString(label, left - 10 - g.getFontMetrics().stringWidth(label), y + 5);
        }
        Graphics2D rot = (Graphics2D) g.create();
        rot.rotate(-Math.PI / 2);
        rot.drawString("entries per second (log scale)", -(top + plotH / 2 + 90), 25);
        rot.dispose();
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(left, top, left, top + plotH);
        g.drawLine(left, top + plotH, w - right, top + plotH);

        // bars
        int groupW = plotW / batches.size();
        int barW = (groupW - 60) / SERIES.length;
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < batches.size(); i++) {
            int gx = left + i * groupW + 30;
            for (int s = 0; s < SERIES.length; s++) {
                double v = values.get(i)[s];
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                double frac = (Math.log10(v) - lo) / (hi - lo);
                int bh = (int) Math.round(Math.max(0, frac) * plotH);
                int x = gx + s * barW;
                g.setColor(COLORS[s]);
                g.fillRect(x + 4, top + plotH - bh, barW - 8, bh);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                String text = v >= 10000 ? String.format(Locale.ROOT, "%.0fk", v / 1000) : String.format(Locale.ROOT,
                        "%.0f", v);
                g.drawString(text, x + barW / 2 - g.getFontMetrics().stringWidth(text) / 2, top + plotH - bh - 5);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            }
            String label = "batch " + batches.get(i);
            g.drawString(label, left + i * groupW + groupW / 2 - fm.stringWidth(label) / 2, top + plotH + 22);
        }
        // legend
        int lx = left;
        int ly = h - 50;
        for (int s = 0; s < SERIES.length; s++) {
            if (lx + 20 + fm.stringWidth(LABELS[s]) > w - right) { // wrap to a second row
                lx = left;
                ly += 24;
            }
            g.setColor(COLORS[s]);
            g.fillRect(lx, ly - 11, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(LABELS[s], lx + 20, ly + 1);
            lx += 40 + fm.stringWidth(LABELS[s]);
        }
        g.dispose();
        return img;
    }
}
