package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.liveness.ColourMeans;
import com.facetrust.domain.liveness.FaceObservation;
import java.util.List;

/**
 * Remote photoplethysmography: the blood volume pulse tints living skin periodically, which a photo lacks and a
 * screen replay reproduces only weakly. Uses the chrominance method of de Haan and Jeanne (2013): the mean
 * forehead/cheek colour is normalised per channel, combined as X = 3R − 2G and Y = 1.5R + G − 1.5B (cancelling the
 * specular and motion components that affect all channels alike), band-passed to 0.7–3 Hz (42–180 beats/min) and
 * S = X − αY with α = σX/σY. The cue is the signal-to-noise ratio of S's spectrum: power within the main lobe of
 * the Hann window (±max(0.1 Hz, 2/T)) around the strongest peak and its first harmonic, against the rest of the
 * band, in dB. Short bursts have wide lobes: at 3 s the pulse cannot be told from noise in a 0.7–3 Hz band.
 */
public final class PulseSignalEstimator {

    static final double LOW_HZ = 0.7;
    static final double HIGH_HZ = 3.0;
    static final double PEAK_HALF_WIDTH_HZ = 0.1;
    /** SNR reported when the skin colour does not change at all (a still image): no pulse whatever. */
    public static final double NO_SIGNAL_DB = -60;

    /** Result: SNR in dB, the peak frequency (Hz) and the duration analysed (s). */
    public record Pulse(double snrDb, double peakHz, double seconds) {
    }

    private PulseSignalEstimator() {
    }

    public static Pulse estimate(List<FaceObservation> observations) {
        List<FaceObservation> obs = observations.stream().filter(o -> o.skin() != null).toList();
        if (obs.size() < 8) {
            return new Pulse(NO_SIGNAL_DB, Double.NaN, 0);
        }
        double t0 = obs.get(0).timestampMillis() / 1000.0;
        double seconds = obs.get(obs.size() - 1).timestampMillis() / 1000.0 - t0;
        if (seconds <= 0) {
            return new Pulse(NO_SIGNAL_DB, Double.NaN, 0);
        }
        // Resample to a uniform grid at the mean frame rate (frames may arrive unevenly).
        int n = obs.size();
        double fs = (n - 1) / seconds;
        double[][] rgb = new double[3][n];
        double[] t = new double[n];
        double[][] raw = new double[3][n];
        for (int i = 0; i < n; i++) {
            ColourMeans c = obs.get(i).skin();
            t[i] = obs.get(i).timestampMillis() / 1000.0 - t0;
            raw[0][i] = c.red();
            raw[1][i] = c.green();
            raw[2][i] = c.blue();
        }
        for (int ch = 0; ch < 3; ch++) {
            rgb[ch] = resample(t, raw[ch], n, seconds);
            double mean = 0;
            for (double v : rgb[ch]) {
                mean += v;
            }
            mean /= n;
            if (mean <= 0) {
                return new Pulse(NO_SIGNAL_DB, Double.NaN, seconds);
            }
            for (int i = 0; i < n; i++) {
                rgb[ch][i] = rgb[ch][i] / mean - 1;
            }
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 3 * rgb[0][i] - 2 * rgb[1][i];
            y[i] = 1.5 * rgb[0][i] + rgb[1][i] - 1.5 * rgb[2][i];
        }
        double[] xf = bandPass(x, fs);
        double[] yf = bandPass(y, fs);
        double sy = SignalStatistics.standardDeviation(yf);
        double alpha = sy < 1e-12 ? 0 : SignalStatistics.standardDeviation(xf) / sy;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = xf[i] - alpha * yf[i];
        }
        return spectralSnr(s, fs, seconds);
    }

    static Pulse spectralSnr(double[] s, double fs, double seconds) {
        int n = s.length;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / Math.max(1, n - 1));
            w[i] = s[i] * hann;
        }
        double step = 0.01;
        int bins = (int) Math.round((HIGH_HZ - LOW_HZ) / step) + 1;
        double[] power = new double[bins];
        double total = 0;
        int peak = 0;
        for (int b = 0; b < bins; b++) {
            power[b] = dftPower(w, LOW_HZ + b * step, fs);
            total += power[b];
            if (power[b] > power[peak]) {
                peak = b;
            }
        }
        if (total < 1e-20) {
            return new Pulse(NO_SIGNAL_DB, Double.NaN, seconds);
        }
        double peakHz = LOW_HZ + peak * step;
        // The Hann window spreads a pure tone over ±2/T Hz (its main lobe); a narrower "signal" window would count
        // the pulse's own energy as noise (a clean 1.2 Hz tone over 10 s scored −2.8 dB with ±0.1 Hz).
        double halfWidth = Math.max(PEAK_HALF_WIDTH_HZ, 2 / Math.max(seconds, 1e-9));
        double signal = 0;
        for (int b = 0; b < bins; b++) {
            double f = LOW_HZ + b * step;
            if (Math.abs(f - peakHz) <= halfWidth || Math.abs(f - 2 * peakHz) <= halfWidth) {
                signal += power[b];
            }
        }
        double noise = total - signal;
        double snr = noise <= 0 ? 30 : 10 * Math.log10(signal / noise);
        return new Pulse(snr, peakHz, seconds);
    }

    /** Band-pass by zeroing DFT bins outside [LOW_HZ, HIGH_HZ] (clips are short: O(n²) is a few ms). */
    static double[] bandPass(double[] v, double fs) {
        int n = v.length;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int k = 0; k < n; k++) {
            double f = (k <= n / 2 ? k : n - k) * fs / n;
            if (f < LOW_HZ || f > HIGH_HZ) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                double a = -2 * Math.PI * k * i / n;
                re[k] += v[i] * Math.cos(a);
                im[k] += v[i] * Math.sin(a);
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < n; k++) {
                if (re[k] == 0 && im[k] == 0) {
                    continue;
                }
                double a = 2 * Math.PI * k * i / n;
                sum += re[k] * Math.cos(a) - im[k] * Math.sin(a);
            }
            out[i] = sum / n;
        }
        return out;
    }

    private static double dftPower(double[] v, double hz, double fs) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < v.length; i++) {
            double a = 2 * Math.PI * hz * i / fs;
            re += v[i] * Math.cos(a);
            im -= v[i] * Math.sin(a);
        }
        return re * re + im * im;
    }

    private static double[] resample(double[] t, double[] v, int n, double seconds) {
        double[] out = new double[n];
        int j = 0;
        for (int i = 0; i < n; i++) {
            double ti = seconds * i / (n - 1);
            while (j < t.length - 2 && t[j + 1] < ti) {
                j++;
            }
            double span = t[j + 1] - t[j];
            double f = span <= 0 ? 0 : Math.max(0, Math.min(1, (ti - t[j]) / span));
            out[i] = v[j] + f * (v[j + 1] - v[j]);
        }
        return out;
    }
}
