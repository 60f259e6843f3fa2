package com.facetrust.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MislabelledImagesTest {

    @Test
    void findsTheStrangerInAFolderAndRelabelsIt() {
        float[] a = Embeddings.normalised(new float[] {1, 0.1f, 0}), b = Embeddings.normalised(new float[] {1, 0, 0.1f});
        float[] stranger = {0, 0, 1};
        List<AllPairsScorer.Sample> s = new ArrayList<>();
        s.add(new AllPairsScorer.Sample(0, "1", a, new LabelledImage("p", Path.of("p/1.jpg"))));
        s.add(new AllPairsScorer.Sample(0, "2", b, new LabelledImage("p", Path.of("p/2.jpg"))));
        s.add(new AllPairsScorer.Sample(0, "3", a, new LabelledImage("p", Path.of("p/3.jpg"))));
        s.add(new AllPairsScorer.Sample(0, "4", stranger, new LabelledImage("p", Path.of("p/4.jpg"))));
        // identity with two images only: never judged
        s.add(new AllPairsScorer.Sample(1, "5", a, new LabelledImage("q", Path.of("q/5.jpg"))));
        s.add(new AllPairsScorer.Sample(1, "6", stranger, new LabelledImage("q", Path.of("q/6.jpg"))));
        List<MislabelledImages.Suspect> found = MislabelledImages.find(s, 0.10);
        assertEquals(1, found.size());
        assertEquals(Path.of("p/4.jpg"), found.get(0).image().path());
        assertEquals(3, found.get(0).others());
        List<AllPairsScorer.Sample> relabelled = MislabelledImages.relabelled(s, found);
        assertEquals(2, relabelled.get(3).identity(), "a fresh identity after the existing ones");
        assertEquals(0, relabelled.get(2).identity());
    }
}
