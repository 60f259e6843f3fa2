package com.facetrust.infrastructure.liveness;

/** Statistics of the short per-frame signals the multi-frame and light-response checks measure. */
final class SignalStatistics {

    private SignalStatistics() {
    }

    /** Population standard deviation (divides by n: these are whole recorded signals, not samples of one). */
    static double standardDeviation(double[] v) {
        double m = 0;
        for (double d : v) {
            m += d;
        }
        m /= v.length;
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / v.length);
    }
}
