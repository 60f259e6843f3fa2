package com.facetrust.domain.liveness;

import java.util.Objects;

/**
 * A depth image registered to the colour frame (same pixel grid), in millimetres; 0 or NaN marks "no reading".
 * Optional input from depth cameras (D-6.1.2 e, D-6.1.3 d).
 */
public record DepthMap(int width, int height, float[] millimetres) {

    public DepthMap {
        Objects.requireNonNull(millimetres, "millimetres");
        if (width <= 0 || height <= 0 || millimetres.length != (long) width * height) {
            throw new IllegalArgumentException("depth map " + width + "x" + height + " with " + millimetres.length
                    + " values");
        }
    }

    public float at(int x, int y) {
        return millimetres[y * width + x];
    }
}
