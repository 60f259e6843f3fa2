package com.facetrust.infrastructure.gallery;

import java.util.Arrays;

/**
 * The best {@code k} distinct subjects by a value (a lower bound of their best score while scanning), so a scan
 * knows the score every other subject has to beat. Linear in k per change, and changes are rare: after the first
 * few thousand templates almost every template fails the {@link #threshold()} test before reaching here.
 */
final class SubjectRanking {
    private final int[] subjects;
    private final double[] values;
    private int size;
    private double min = Double.NEGATIVE_INFINITY;

    SubjectRanking(int k) {
        subjects = new int[k];
        values = new double[k];
    }

    /** The value a subject must exceed to enter (minus infinity until k subjects are in). */
    double threshold() {
        return size < subjects.length ? Double.NEGATIVE_INFINITY : min;
    }

    void offer(int subject, double value) {
        for (int i = 0; i < size; i++) {
            if (subjects[i] == subject) {
                if (value > values[i]) {
                    values[i] = value;
                    recomputeMin();
                }
                return;
            }
        }
        if (size < subjects.length) {
            subjects[size] = subject;
            values[size++] = value;
            recomputeMin();
        } else if (value > min) {
            int at = 0;
            for (int i = 1; i < size; i++) {
                if (values[i] < values[at]) {
                    at = i;
                }
            }
            subjects[at] = subject;
            values[at] = value;
            recomputeMin();
        }
    }

    void offerAll(SubjectRanking other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.subjects[i], other.values[i]);
        }
    }

    private void recomputeMin() {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            m = Math.min(m, values[i]);
        }
        min = m;
    }

    @Override
    public String toString() {
        return "SubjectRanking" + Arrays.toString(Arrays.copyOf(values, size));
    }
}
