package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.liveness.DepthMap;
import com.facetrust.domain.liveness.LivenessCheckKind;
import com.facetrust.domain.liveness.LivenessCue;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rejects a planar face (a photo or a screen) when a depth map accompanies the image (D-6.1.2 e): fits a plane
 * z = a·x + b·y + c by least squares to the valid depth readings inside the central part of the face box and
 * measures how far the face departs from it. A real face has ~2–4 cm of relief (nose against cheeks), so its
 * residual RMS is several millimetres; a flat print or screen, even tilted, leaves only sensor noise. A strongly
 * curved print is the known weakness: its relief is a smooth cylinder (no nose peak) — the relief figure
 * (95th–5th percentile of residuals) is reported to help spot it, but the verdict uses the RMS.
 *
 * <p>Server keys {@code facetrust.liveness.depth.min-residual-millimetres} (default 3.0) and
 * {@code facetrust.liveness.depth.min-valid-share} (0.5).
 */
public final class DepthPlanarityCheck {

    public record Config(double minResidualMillimetres, double minValidShare) {
        public static Config defaults() {
            return new Config(3.0, 0.5);
        }
    }

    private final Config config;

    public DepthPlanarityCheck(Config config) {
        this.config = config;
    }

    public LivenessJudgement judge(DepthMap depth, BoundingBox box) {
        // The central region avoids the background that a loose box includes at its corners.
        int x1 = clamp((int) Math.round(box.x1() + 0.15 * box.width()), depth.width());
        int x2 = clamp((int) Math.round(box.x2() - 0.15 * box.width()), depth.width());
        int y1 = clamp((int) Math.round(box.y1() + 0.10 * box.height()), depth.height());
        int y2 = clamp((int) Math.round(box.y2() - 0.10 * box.height()), depth.height());
        int total = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
        if (total < 16) {
            return LivenessJudgement.inconclusive(LivenessCheckKind.DEPTH, "depth.faceOutsideMap");
        }
        // Normal equations of the plane fit, centred on the region for numerical stability.
        double cx = (x1 + x2) / 2.0;
        double cy = (y1 + y2) / 2.0;
        double sxx = 0, sxy = 0, syy = 0, sx = 0, sy = 0, n = 0, sxz = 0, syz = 0, sz = 0;
        for (int y = y1; y < y2; y++) {
            for (int x = x1; x < x2; x++) {
                float z = depth.at(x, y);
                if (!(z > 0) || Float.isInfinite(z)) {
                    continue;
                }
                double u = x - cx;
                double v = y - cy;
                sxx += u * u;
                sxy += u * v;
                syy += v * v;
                sx += u;
                sy += v;
                n++;
                sxz += u * z;
                syz += v * z;
                sz += z;
            }
        }
        double validShare = n / total;
        List<LivenessCue> cues = new ArrayList<>();
        LivenessCue valid = new LivenessCue("depth.validShare", validShare, config.minValidShare(), true);
        cues.add(valid);
        if (!valid.passed()) {
            return new LivenessJudgement(LivenessCheckKind.DEPTH, LivenessVerdict.INCONCLUSIVE, 0, cues,
                    List.of("depth.tooFewReadings"));
        }
        double[] plane = solve3(new double[][] {{sxx, sxy, sx}, {sxy, syy, sy}, {sx, sy, n}},
                new double[] {sxz, syz, sz});
        double[] residuals = new double[(int) n];
        int k = 0;
        double sumSq = 0;
        for (int y = y1; y < y2; y++) {
            for (int x = x1; x < x2; x++) {
                float z = depth.at(x, y);
                if (!(z > 0) || Float.isInfinite(z)) {
                    continue;
                }
                double r = z - (plane[0] * (x - cx) + plane[1] * (y - cy) + plane[2]);
                residuals[k++] = r;
                sumSq += r * r;
            }
        }
        double rms = Math.sqrt(sumSq / n);
        Arrays.sort(residuals);
        double relief = residuals[(int) (0.95 * (n - 1))] - residuals[(int) (0.05 * (n - 1))];
        LivenessCue rmsCue = new LivenessCue("depth.residualRmsMm", rms, config.minResidualMillimetres(), true);
        cues.add(rmsCue);
        cues.add(new LivenessCue("depth.reliefMm", relief, 0, true));
        boolean live = rmsCue.passed();
        // Score: residual over threshold, squashed to [0,1] with 0.5 at the threshold.
        double score = rms / (rms + config.minResidualMillimetres());
        return new LivenessJudgement(LivenessCheckKind.DEPTH, live ? LivenessVerdict.LIVE : LivenessVerdict.ATTACK,
                score, cues, live ? List.of() : List.of("depth.planarFace"));
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size, v));
    }

    /** Gaussian elimination with partial pivoting for a 3×3 system. */
    static double[] solve3(double[][] a, double[] b) {
        double[][] m = new double[3][4];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(a[i], 0, m[i], 0, 3);
            m[i][3] = b[i];
        }
        for (int col = 0; col < 3; col++) {
            int pivot = col;
            for (int r = col + 1; r < 3; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            if (Math.abs(m[col][col]) < 1e-12) {
                throw new IllegalArgumentException("degenerate plane fit");
            }
            for (int r = 0; r < 3; r++) {
                if (r != col) {
                    double f = m[r][col] / m[col][col];
                    for (int c = col; c < 4; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                }
            }
        }
        return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
    }
}
