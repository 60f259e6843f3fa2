package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.liveness.ColourMeans;
import com.facetrust.domain.liveness.FaceObservation;
import com.facetrust.domain.liveness.FaceTrack;
import com.facetrust.domain.liveness.LightColour;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.domain.liveness.LivenessCheckKind;
import com.facetrust.domain.liveness.LivenessCue;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessVerdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Light-response check (A-5.5.2 b). The server issued a random colour sequence bound to a nonce; the client showed
 * colour k from {@code k·step} after capture start. Skin lit by the screen shifts its chromaticity towards the
 * shown colour, so the face's mean chroma (r, g, b divided by their sum — brightness cancels out) must correlate
 * with the issued colours' chroma, at a display-to-camera lag of at most {@code maxLagMillis}.
 *
 * <p>Verdicts: no chroma change at all (a still photo, or ambient light drowning the screen) is INCONCLUSIVE; a face
 * whose colour changes but not with the issued sequence (a recorded response to another challenge, shifted timing)
 * is an ATTACK; a correlation at or above the threshold is LIVE.
 *
 * <p>Server keys {@code facetrust.liveness.light.*}: {@code min-correlation} (0.6), {@code min-chroma-amplitude}
 * (0.004, standard deviation of the chroma), {@code max-lag-millis} (300), {@code min-coverage} (0.8 of the
 * sequence's duration covered by frames).
 */
public final class LightResponseCheck {

    public record Config(double minCorrelation, double minChromaAmplitude, long maxLagMillis, double minCoverage) {
        public static Config defaults() {
            return new Config(0.6, 0.004, 300, 0.8);
        }
    }

    private final Config config;

    public LightResponseCheck(Config config) {
        this.config = config;
    }

    public LivenessJudgement judge(LivenessChallenge challenge, FaceTrack track) {
        if (challenge.kind() != LivenessCheckKind.LIGHT_RESPONSE) {
            throw new IllegalArgumentException("not a light-response challenge: " + challenge.kind());
        }
        List<FaceObservation> obs = track.observations().stream().filter(o -> o.skin() != null).toList();
        long step = challenge.colourStep().toMillis();
        List<LightColour> colours = challenge.colours();
        long sequenceMillis = step * colours.size();
        List<LivenessCue> cues = new ArrayList<>();
        if (obs.size() < 2 * colours.size()) {
            return LivenessJudgement.inconclusive(LivenessCheckKind.LIGHT_RESPONSE, "light.tooFewFrames");
        }
        long t0 = obs.get(0).timestampMillis();
        double covered = Math.min(1.0,
                (obs.get(obs.size() - 1).timestampMillis() - t0 + step / 2.0) / sequenceMillis);
        LivenessCue coverage = new LivenessCue("light.coverage", covered, config.minCoverage(), true);
        cues.add(coverage);

        double[][] observed = new double[3][obs.size()];
        for (int i = 0; i < obs.size(); i++) {
            ColourMeans c = obs.get(i).skin();
            observed[0][i] = c.redChroma();
            observed[1][i] = c.greenChroma();
            observed[2][i] = c.blueChroma();
        }
        double amplitude = 0;
        for (double[] ch : observed) {
            amplitude = Math.max(amplitude, SignalStatistics.standardDeviation(ch));
        }
        LivenessCue amp = new LivenessCue("light.chromaAmplitude", amplitude, config.minChromaAmplitude(), true);
        cues.add(amp);

        double bestCorrelation = -1;
        long bestLag = 0;
        for (long lag = 0; lag <= config.maxLagMillis(); lag += 10) {
            double c = correlationAtLag(obs, observed, colours, step, t0, lag);
            if (c > bestCorrelation) {
                bestCorrelation = c;
                bestLag = lag;
            }
        }
        LivenessCue corr = new LivenessCue("light.correlation", bestCorrelation, config.minCorrelation(), true);
        cues.add(corr);
        cues.add(new LivenessCue("light.lagMillis", bestLag, config.maxLagMillis(), false));

        LivenessVerdict verdict;
        List<String> reasons = new ArrayList<>();
        if (!coverage.passed()) {
            verdict = LivenessVerdict.INCONCLUSIVE;
            reasons.add("light.sequenceNotCovered");
        } else if (!amp.passed()) {
            verdict = LivenessVerdict.INCONCLUSIVE;
            reasons.add("light.noColourResponse");
        } else if (!corr.passed()) {
            verdict = LivenessVerdict.ATTACK;
            reasons.add("light.responseDoesNotFollowSequence");
        } else {
            verdict = LivenessVerdict.LIVE;
        }
        double score = amp.passed() ? Math.max(0, bestCorrelation) : 0;
        return new LivenessJudgement(LivenessCheckKind.LIGHT_RESPONSE, verdict, score, cues, reasons);
    }

    /**
     * Mean Pearson correlation, over the chroma channels the sequence varies, between observed chroma and the
     * chroma of the colour on screen at (frame time − lag). Frames outside the sequence are left out.
     */
    static double correlationAtLag(List<FaceObservation> obs, double[][] observed, List<LightColour> colours,
                                   long step, long t0, long lag) {
        double[][] expected = new double[3][obs.size()];
        boolean[] use = new boolean[obs.size()];
        int used = 0;
        for (int i = 0; i < obs.size(); i++) {
            long t = obs.get(i).timestampMillis() - t0 - lag;
            if (t < 0) {
                continue;
            }
            int k = (int) (t / step);
            if (k >= colours.size()) {
                continue;
            }
            LightColour c = colours.get(k);
            double sum = c.red() + c.green() + c.blue();
            expected[0][i] = sum == 0 ? 1.0 / 3 : c.red() / sum;
            expected[1][i] = sum == 0 ? 1.0 / 3 : c.green() / sum;
            expected[2][i] = sum == 0 ? 1.0 / 3 : c.blue() / sum;
            use[i] = true;
            used++;
        }
        if (used < 4) {
            return -1;
        }
        double total = 0;
        int channels = 0;
        for (int ch = 0; ch < 3; ch++) {
            double r = pearson(observed[ch], expected[ch], use);
            if (!Double.isNaN(r)) {
                total += r;
                channels++;
            }
        }
        return channels == 0 ? -1 : total / channels;
    }

    /** Pearson correlation over the used entries; NaN when the expected series does not vary (nothing to follow). */
    static double pearson(double[] x, double[] y, boolean[] use) {
        double mx = 0, my = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (use[i]) {
                mx += x[i];
                my += y[i];
                n++;
            }
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (use[i]) {
                sxy += (x[i] - mx) * (y[i] - my);
                sxx += (x[i] - mx) * (x[i] - mx);
                syy += (y[i] - my) * (y[i] - my);
            }
        }
        if (syy < 1e-12) {
            return Double.NaN;
        }
        if (sxx < 1e-18) {
            return 0; // the face did not change at all: no evidence of following anything
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
