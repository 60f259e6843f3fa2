package com.facetrust.domain.face;

/**
 * What the container header declares, read before anything is decoded so oversized images are refused without
 * allocating them.
 *
 * @param exifOrientation EXIF orientation 1..8 (1 = as stored; JPEG only, else 1)
 */
public record ImageHeader(ImageFormat format, int width, int height, int exifOrientation) {
    public long pixels() {
        return (long) width * height;
    }
}
