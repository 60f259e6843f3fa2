package com.facetrust.domain.face;

/** Image containers the decoder accepts, recognised by their magic number, never by a label. */
public enum ImageFormat {
    JPEG, PNG, BMP, WEBP
}
