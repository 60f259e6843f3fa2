package com.facetrust.evaluation;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display on stderr for long runs: rewritten in place on a terminal, a plain line every ten
 * seconds when output goes to a log file.
 */
public final class ProgressLine {

    private final PrintStream out;
    private final String task;
    private final long total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastPrint;
    private boolean finished;

    public ProgressLine(PrintStream out, String task, long total, boolean terminal) {
        this.out = out;
        this.task = task;
        this.total = total;
        this.terminal = terminal;
    }

    /** A display on stderr that rewrites itself when a console is attached. */
    public static ProgressLine onStderr(String task, long total) {
        return new ProgressLine(System.err, task, total, System.console() != null);
    }

    /** A display that prints nothing (tests, --quiet). */
    public static ProgressLine silent() {
        return new ProgressLine(null, "", 1, false);
    }

    public synchronized void update(long done) {
        if (out == null || finished) {
            return;
        }
        long now = System.nanoTime();
        long interval = terminal ? 250_000_000L : 10_000_000_000L;
        if (done < total && now - lastPrint < interval) {
            return;
        }
        lastPrint = now;
        finished = done >= total;
        double secs = (now - start) / 1e9;
        double rate = done / Math.max(secs, 1e-9);
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        String line = String.format(Locale.ROOT, "%s %d/%d (%.0f%%) %.1f/s, %s elapsed, %s left", task, done, total,
                100.0 * done / Math.max(total, 1), rate, duration(secs), Double.isNaN(eta) ? "?" : duration(eta));
        if (terminal) {
            out.print("\r" + line + "   ");
            if (done >= total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String duration(double secs) {
        long s = Math.round(secs);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
