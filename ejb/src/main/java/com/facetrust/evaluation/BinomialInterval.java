package com.facetrust.evaluation;

/**
 * Two-sided confidence interval for a proportion k/n. Clopper-Pearson ("exact") is used for error rates because
 * the counts of interest are small (a handful of false rejects), where normal approximations misbehave; Wilson is
 * offered for comparison.
 *
 * @param lower lower bound (0 when k = 0)
 * @param upper upper bound (1 when k = n)
 */
public record BinomialInterval(double lower, double upper) {

    /** Clopper-Pearson interval of k successes in n trials at the given confidence (e.g. 0.95). */
    public static BinomialInterval clopperPearson(long k, long n, double confidence) {
        checkArgs(k, n, confidence);
        if (n == 0) {
            return new BinomialInterval(0, 1);
        }
        double alpha = 1 - confidence;
        double lower = k == 0 ? 0 : inverseRegularizedBeta(alpha / 2, k, n - k + 1);
        double upper = k == n ? 1 : inverseRegularizedBeta(1 - alpha / 2, k + 1, n - k);
        return new BinomialInterval(lower, upper);
    }

    /** Wilson score interval of k successes in n trials at the given confidence (0.95 or 0.99 only). */
    public static BinomialInterval wilson(long k, long n, double confidence) {
        checkArgs(k, n, confidence);
        if (n == 0) {
            return new BinomialInterval(0, 1);
        }
        double z = NormalDeviate.inverseCdf(1 - (1 - confidence) / 2);
        double p = (double) k / n;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2n / (4 * n)) / (1 + z2n);
        return new BinomialInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    private static void checkArgs(long k, long n, double confidence) {
        if (n < 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + " n=" + n);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0,1): " + confidence);
        }
    }

    /** x such that I_x(a, b) = p, by bisection (the function is monotone in x; 200 steps reach double precision). */
    static double inverseRegularizedBeta(double p, double a, double b) {
        double lo = 0, hi = 1;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (regularizedBeta(mid, a, b) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** Regularised incomplete beta I_x(a, b) by Lentz's continued fraction (Numerical Recipes 6.4). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        if (x < (a + 1) / (a + b + 2)) {
            return Math.exp(lnFront) * betaContinuedFraction(x, a, b) / a;
        }
        return 1 - Math.exp(lnFront) * betaContinuedFraction(1 - x, b, a) / b;
    }

    private static double betaContinuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = 1 - qab * x / qap;
        if (Math.abs(d) < tiny) {
            d = tiny;
        }
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error below 1e-15). */
    static double logGamma(double x) {
        final double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double sum = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            sum += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
