package com.facetrust.domain.face;

/**
 * Turns untrusted bytes into an image, safely: magic number and header first, limits checked before any pixel is
 * allocated, EXIF orientation applied. Every refusal is a {@code FaceTrustException} with an {@code IMAGE_*} code.
 */
public interface ImageDecoder {
    /** Reads only the container header (format by magic number, dimensions, orientation). */
    ImageHeader probe(byte[] data);

    /** Checks limits on the header, then decodes. */
    FaceImage decode(byte[] data);
}
