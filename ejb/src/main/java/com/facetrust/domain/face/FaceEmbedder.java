package com.facetrust.domain.face;

/** Computes the recognition template of an aligned face. */
public interface FaceEmbedder {
    Embedding embed(FaceImage alignedFace);
}
