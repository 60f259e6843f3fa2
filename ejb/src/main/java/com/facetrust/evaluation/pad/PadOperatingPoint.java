package com.facetrust.evaluation.pad;

import java.util.Map;

/**
 * The error rates at one decision threshold (ISO/IEC 30107-3 §13): APCER per attack type, the worst of them
 * (APCER_max, the figure that counts), and BPCER.
 *
 * @param targetApcer  the APCER this point was chosen for, or NaN when the threshold was given directly
 * @param measurable   false when some attack type has fewer than 3/targetApcer samples (rule of three): then
 *                     even zero errors cannot show the target is met
 */
public record PadOperatingPoint(double threshold, double targetApcer, Map<String, ErrorRate> apcerPerType,
                                String worstAttackType, ErrorRate apcerMax, ErrorRate bpcer, boolean measurable) {

    public PadOperatingPoint {
        apcerPerType = Map.copyOf(apcerPerType);
    }
}
