package com.facetrust.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionBreakdownTest {

    private static AllPairsScorer.Sample sample(int id, String sha, float[] e) {
        return new AllPairsScorer.Sample(id, sha, e, new LabelledImage("id" + id, Path.of(sha)));
    }

    @Test
    void groupsGenuinePairsByTheWorseImage() {
        float[] x = {1, 0}, y = {0, 1}, near = Embeddings.normalised(new float[] {1, 0.1f});
        // identity 0: a (ipd 80) and b (ipd 25) match well; identity 1: c (ipd 70) and d (ipd 18) do not
        List<AllPairsScorer.Sample> s = List.of(sample(0, "a", x), sample(0, "b", near), sample(1, "c", x),
                sample(1, "d", y), sample(2, "e", y));
        Map<String, Double> ipd = Map.of("a", 80.0, "b", 25.0, "c", 70.0, "d", 18.0, "e", 50.0);
        ConditionBreakdown.Result r = ConditionBreakdown.of("ipd", s, v -> ipd.get(v.sha256()),
                ConditionBreakdown.Worse.MIN, 0.5, 20, 30);
        assertEquals(3, r.rows().size());
        assertEquals(1, r.rows().get(0).genuinePairs(), "c-d judged by d's 18 px");
        assertEquals(1, r.rows().get(0).falseRejects());
        assertEquals(1, r.rows().get(1).genuinePairs(), "a-b judged by b's 25 px");
        assertEquals(0, r.rows().get(1).falseRejects());
        assertEquals(0, r.rows().get(2).genuinePairs());

        ConditionBreakdown.Result yaw = ConditionBreakdown.of("yaw", s,
                v -> v.sha256().equals("d") ? -40.0 : v.sha256().equals("b") ? Double.NaN : 5.0,
                ConditionBreakdown.Worse.MAX_ABS, 0.5, 30);
        assertEquals(1, yaw.unknown());
        assertEquals(1, yaw.rows().get(1).genuinePairs(), "|-40| ≥ 30");
    }
}
