package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.face.Landmarks68;
import com.facetrust.domain.face.Point2;
import com.facetrust.domain.liveness.FaceObservation;
import java.util.List;

/**
 * Natural micro-motion of a face, from its 68 landmarks over a burst. Two figures, both in units of the
 * inter-ocular distance so they do not depend on face size:
 * <ul>
 *   <li><b>non-rigid motion</b>: each frame's landmarks are aligned to the first frame's by the best similarity
 *   transform (rotation, scale, shift — Umeyama's closed form); what remains is the face changing shape
 *   (expressions, blinks, 3-D head rotation). A flat photo, however it is moved, changes shape only by
 *   perspective; an identical frame repeated not at all. Reported as the 90th percentile over frames.</li>
 *   <li><b>overall motion</b>: median landmark displacement between consecutive frames, rigid part included —
 *   a live person is never perfectly still, a still image injected frame after frame is.</li>
 * </ul>
 */
public final class LandmarkMotionMeter {

    public record Motion(double nonRigid, double overall) {
    }

    private LandmarkMotionMeter() {
    }

    public static Motion measure(List<FaceObservation> obs) {
        if (obs.size() < 2) {
            return new Motion(0, 0);
        }
        Landmarks68 ref = obs.get(0).landmarks();
        double iod = Math.max(1e-6, obs.get(0).interocularDistance());
        double[] residual = new double[obs.size() - 1];
        double[] step = new double[obs.size() - 1];
        for (int i = 1; i < obs.size(); i++) {
            residual[i - 1] = similarityResidual(ref, obs.get(i).landmarks()) / iod;
            step[i - 1] = meanDisplacement(obs.get(i - 1).landmarks(), obs.get(i).landmarks())
                    / Math.max(1e-6, obs.get(i).interocularDistance());
        }
        return new Motion(ActionDetector.percentile(residual, 0.9), ActionDetector.percentile(step, 0.5));
    }

    static double meanDisplacement(Landmarks68 a, Landmarks68 b) {
        double sum = 0;
        for (int i = 0; i < 68; i++) {
            sum += a.get(i).distanceTo(b.get(i));
        }
        return sum / 68;
    }

    /** RMS distance between {@code target} and {@code source} mapped onto it by the least-squares similarity. */
    static double similarityResidual(Landmarks68 target, Landmarks68 source) {
        List<Point2> t = target.points();
        List<Point2> s = source.points();
        int n = t.size();
        double msx = 0, msy = 0, mtx = 0, mty = 0;
        for (int i = 0; i < n; i++) {
            msx += s.get(i).x();
            msy += s.get(i).y();
            mtx += t.get(i).x();
            mty += t.get(i).y();
        }
        msx /= n;
        msy /= n;
        mtx /= n;
        mty /= n;
        // For 2-D points as complex numbers the least-squares similarity is a = Σ conj(s)·t / Σ |s|².
        double ar = 0, ai = 0, ss = 0;
        double[] sx = new double[n];
        double[] sy = new double[n];
        for (int i = 0; i < n; i++) {
            sx[i] = s.get(i).x() - msx;
            sy[i] = s.get(i).y() - msy;
            double tx = t.get(i).x() - mtx;
            double ty = t.get(i).y() - mty;
            ar += sx[i] * tx + sy[i] * ty;
            ai += sx[i] * ty - sy[i] * tx;
            ss += sx[i] * sx[i] + sy[i] * sy[i];
        }
        if (ss <= 0) {
            return 0;
        }
        ar /= ss;
        ai /= ss;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double px = ar * sx[i] - ai * sy[i] + mtx;
            double py = ai * sx[i] + ar * sy[i] + mty;
            double dx = px - t.get(i).x();
            double dy = py - t.get(i).y();
            sum += dx * dx + dy * dy;
        }
        return Math.sqrt(sum / n);
    }
}
