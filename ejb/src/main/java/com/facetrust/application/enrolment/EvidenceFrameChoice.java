package com.facetrust.application.enrolment;

import com.facetrust.domain.face.QualityCheck;
import com.facetrust.domain.face.QualityReport;

import java.util.ArrayList;
import java.util.List;

/**
 * Which frame of MULTI_FRAME or CHALLENGE liveness evidence to enrol when a request brings no image (issue 6:
 * "enrol from the evidence itself", as AWS Face Liveness's reference image or Azure's liveness-with-verify do):
 * a bounded number of frames spread evenly over the evidence ({@code facetrust.enrolment.evidence-candidates},
 * first frame always included) are analysed under the enrolment quality profile (A-5.4, D-7.4), and the frame
 * farthest from failing any enforced check wins.
 *
 * <p>"Farthest from failing" is the smallest relative margin over the enforced checks: (measured − threshold) /
 * |threshold| for an AT_LEAST check, (threshold − measured) / |threshold| for an AT_MOST one. It is ≥ 0 only
 * for a frame the profile accepts, so the best acceptable frame is the one with the highest score; among frames
 * that all fail, the highest score is the one closest to passing, whose failed checks are the most useful advice.
 * Ties go to the earlier frame (closer to the judged first frame).
 */
public final class EvidenceFrameChoice {

    private EvidenceFrameChoice() {
    }

    /**
     * Indices of at most {@code limit} frames out of {@code frameCount}, spread evenly, first and last included.
     */
    public static List<Integer> candidates(int frameCount, int limit) {
        if (frameCount < 1 || limit < 1) {
            throw new IllegalArgumentException("frameCount and limit must be positive");
        }
        int k = Math.min(frameCount, limit);
        List<Integer> indices = new ArrayList<>(k);
        if (k == 1) {
            indices.add(0);
            return indices;
        }
        for (int i = 0; i < k; i++) {
            int index = (int) Math.round(i * (frameCount - 1) / (double) (k - 1));
            if (indices.isEmpty() || indices.get(indices.size() - 1) != index) {
                indices.add(index);
            }
        }
        return indices;
    }

    /**
     * The smallest relative margin over the enforced checks (see the class comment): ≥ 0 only when every
     * enforced check passes; −∞ for a check whose measurement is not finite.
     */
    public static double score(QualityReport report) {
        double worst = Double.POSITIVE_INFINITY;
        for (QualityCheck c : report.checks()) {
            if (!c.enforced()) {
                continue;
            }
            if (!Double.isFinite(c.measured())) {
                return Double.NEGATIVE_INFINITY;
            }
            double scale = Math.max(Math.abs(c.threshold()), 1e-6);
            double margin = (c.rule() == QualityCheck.Rule.AT_LEAST ? c.measured() - c.threshold()
                    : c.threshold() - c.measured()) / scale;
            // The sign follows the judgement (a check passing exactly at its threshold has margin 0).
            worst = Math.min(worst, c.passed() ? Math.max(margin, 0) : Math.min(margin, -1e-12));
        }
        return worst;
    }

    /**
     * The position (in {@code reports}) of the best report: the acceptable one with the highest score when any is
     * acceptable, else the failing one closest to passing. {@code null} entries (no face analysed) never win; -1
     * when every entry is null.
     */
    public static int best(List<QualityReport> reports) {
        int bestAcceptable = -1;
        int bestAny = -1;
        double bestAcceptableScore = Double.NEGATIVE_INFINITY;
        double bestAnyScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < reports.size(); i++) {
            QualityReport r = reports.get(i);
            if (r == null) {
                continue;
            }
            double s = score(r);
            if (r.acceptable() && (bestAcceptable < 0 || s > bestAcceptableScore)) {
                bestAcceptable = i;
                bestAcceptableScore = s;
            }
            if (bestAny < 0 || s > bestAnyScore) {
                bestAny = i;
                bestAnyScore = s;
            }
        }
        return bestAcceptable >= 0 ? bestAcceptable : bestAny;
    }
}
