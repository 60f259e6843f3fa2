package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.liveness.ChallengeAction;
import com.facetrust.domain.liveness.FaceObservation;
import com.facetrust.domain.liveness.FaceTrack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Finds challenge actions in a face track from landmark, eye-state and head-pose time series. Head motion is
 * measured against the track's median pose, so a person who holds the head slightly turned throughout is not
 * credited with a turn; eyes and mouth must be seen in the opposite state too (a photo with closed eyes or an open
 * mouth never "blinks" or "opens the mouth").
 */
public final class ActionDetector {

    /**
     * Sign of the pose model's yaw when the nose moves towards the image's left edge (the subject turning to their
     * right in an unmirrored frame). Measured on the eight live clips: yaw correlates with the nose's horizontal
     * position between the jaw corners at r = −0.73 … −0.97 wherever the head turned (docs/performance.md).
     */
    static final double YAW_SIGN_NOSE_TO_IMAGE_LEFT = +1;
    /**
     * Sign of the pose model's pitch when the head is raised (chin up): pitch correlates negatively with the nose
     * tip's height between the eye line and the chin (r = −0.38 … −0.77 on the clips with head motion).
     */
    static final double PITCH_SIGN_HEAD_UP = +1;

    private final ActiveChallengeConfig config;

    public ActionDetector(ActiveChallengeConfig config) {
        this.config = config;
    }

    public List<ActionEvent> detect(FaceTrack track, ChallengeAction action) {
        List<FaceObservation> obs = track.observations();
        if (obs.isEmpty()) {
            return List.of();
        }
        return switch (action) {
            case BLINK -> blinks(obs);
            case OPEN_MOUTH -> mouthOpenings(obs);
            case TURN_LEFT -> headExcursions(obs, action, yawSeries(obs), -YAW_SIGN_NOSE_TO_IMAGE_LEFT
                    * config.turnDegrees(), false);
            case TURN_RIGHT -> headExcursions(obs, action, yawSeries(obs), YAW_SIGN_NOSE_TO_IMAGE_LEFT
                    * config.turnDegrees(), false);
            case RAISE_HEAD -> headExcursions(obs, action, pitchSeries(obs), PITCH_SIGN_HEAD_UP
                    * config.raiseDegrees(), false);
            case NOD -> headExcursions(obs, action, pitchSeries(obs), -PITCH_SIGN_HEAD_UP * config.nodDegrees(),
                    true);
        };
    }

    /**
     * Per-frame "eyes closed": the eye aspect ratio below a share of the track's own open reference (so narrow and
     * wide eyes are treated alike). The eye-state model is used only when configured: on the webcam clip with
     * glasses it reported closed eyes in most frames of a person looking straight at the camera.
     */
    boolean[] eyesClosed(List<FaceObservation> obs) {
        double[] ear = obs.stream().mapToDouble(FaceObservation::eyeAspectRatio).toArray();
        double openReference = percentile(ear, 0.75);
        boolean[] closed = new boolean[obs.size()];
        for (int i = 0; i < closed.length; i++) {
            FaceObservation o = obs.get(i);
            closed[i] = config.useEyeModel() && o.eyes() != null
                    ? (o.eyes().leftOpen() + o.eyes().rightOpen()) / 2 < config.eyeModelClosedBelow()
                    : ear[i] < config.blinkEarRatio() * openReference;
        }
        return closed;
    }

    private List<ActionEvent> blinks(List<FaceObservation> obs) {
        boolean[] closed = eyesClosed(obs);
        double[] ear = obs.stream().mapToDouble(FaceObservation::eyeAspectRatio).toArray();
        double openReference = percentile(ear, 0.75);
        List<ActionEvent> events = new ArrayList<>();
        for (int[] run : runs(closed.length, i -> closed[i])) {
            int start = run[0];
            int end = run[1];
            // A blink is closed between open frames: both neighbours must exist and be open.
            if (start == 0 || end == closed.length - 1) {
                continue;
            }
            long millis = obs.get(end + 1).timestampMillis() - obs.get(start - 1).timestampMillis();
            if (millis > config.maxBlinkMillis()) {
                continue;
            }
            int peak = start;
            for (int i = start; i <= end; i++) {
                if (ear[i] < ear[peak]) {
                    peak = i;
                }
            }
            double depth = openReference <= 0 ? 0 : 1 - ear[peak] / openReference;
            events.add(new ActionEvent(ChallengeAction.BLINK, start, peak, end, depth));
        }
        return events;
    }

    private List<ActionEvent> mouthOpenings(List<FaceObservation> obs) {
        double[] ratio = obs.stream().mapToDouble(o -> o.landmarks().mouthOpenRatio()).toArray();
        List<ActionEvent> events = new ArrayList<>();
        int firstClosed = -1;
        for (int i = 0; i < ratio.length; i++) {
            if (ratio[i] < config.mouthClosedRatio()) {
                firstClosed = i;
                break;
            }
        }
        if (firstClosed < 0) {
            return events;
        }
        for (int[] run : runs(ratio.length, i -> ratio[i] >= config.mouthOpenRatio())) {
            if (run[0] <= firstClosed) {
                continue;
            }
            int peak = argMax(ratio, run[0], run[1]);
            events.add(new ActionEvent(ChallengeAction.OPEN_MOUTH, run[0], peak, run[1], ratio[peak]));
        }
        return events;
    }

    /**
     * Runs where the angle departs from the track's median by at least {@code signedThreshold} (in its sign). With
     * {@code mustReturn} (a nod) the head must come back to within half the threshold afterwards.
     */
    private List<ActionEvent> headExcursions(List<FaceObservation> obs, ChallengeAction action, double[] angle,
                                             double signedThreshold, boolean mustReturn) {
        List<ActionEvent> events = new ArrayList<>();
        if (angle == null) {
            return events;
        }
        double median = percentile(angle, 0.5);
        double sign = Math.signum(signedThreshold);
        double[] rel = new double[angle.length];
        for (int i = 0; i < angle.length; i++) {
            rel[i] = sign * (angle[i] - median);
        }
        double threshold = Math.abs(signedThreshold);
        for (int[] run : runs(rel.length, i -> rel[i] >= threshold)) {
            if (mustReturn) {
                boolean returned = false;
                for (int i = run[1] + 1; i < rel.length; i++) {
                    if (rel[i] <= threshold / 2) {
                        returned = true;
                        break;
                    }
                }
                if (!returned) {
                    continue;
                }
            }
            int peak = argMax(rel, run[0], run[1]);
            events.add(new ActionEvent(action, run[0], peak, run[1], rel[peak]));
        }
        return events;
    }

    private static double[] yawSeries(List<FaceObservation> obs) {
        if (obs.stream().anyMatch(o -> o.pose() == null)) {
            return null;
        }
        return obs.stream().mapToDouble(o -> o.pose().yaw()).toArray();
    }

    private static double[] pitchSeries(List<FaceObservation> obs) {
        if (obs.stream().anyMatch(o -> o.pose() == null)) {
            return null;
        }
        return obs.stream().mapToDouble(o -> o.pose().pitch()).toArray();
    }

    /** Maximal runs [start, end] (inclusive) of indices where the predicate holds. */
    static List<int[]> runs(int n, IntPredicate inside) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < n) {
            if (inside.test(i)) {
                int start = i;
                while (i + 1 < n && inside.test(i + 1)) {
                    i++;
                }
                runs.add(new int[] {start, i});
            }
            i++;
        }
        return runs;
    }

    private static int argMax(double[] v, int from, int to) {
        int best = from;
        for (int i = from; i <= to; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static double percentile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        if (s.length == 0) {
            return Double.NaN;
        }
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }
}
