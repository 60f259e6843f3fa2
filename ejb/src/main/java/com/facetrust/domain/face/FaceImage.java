package com.facetrust.domain.face;

/**
 * A decoded image held by the engine (8-bit, 3 channels, upright after EXIF orientation). Closing it overwrites
 * and releases the pixels (residual data, A-5.7.1f); use it in try-with-resources.
 */
public interface FaceImage extends AutoCloseable {
    int width();

    int height();

    @Override
    void close();
}
