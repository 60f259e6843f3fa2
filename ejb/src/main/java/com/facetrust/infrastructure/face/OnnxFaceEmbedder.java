package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.Embedding;
import com.facetrust.domain.face.FaceEmbedder;
import com.facetrust.domain.face.FaceImage;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import org.opencv.core.Core;
import org.opencv.core.Mat;

import java.util.Arrays;

/**
 * {@code fr_feature.onnx}: aligned 112×112 face, channel order and (p − 127.5) / 128 scaling chosen by
 * measurement (docs/models.md), 512 outputs L2-normalised. With flip fusion the mirror image's embedding is
 * averaged in (decided by measurement, off by default).
 */
public final class OnnxFaceEmbedder implements FaceEmbedder {
    private final OnnxModel model;
    private final boolean flipFusion;
    private final PixelTensors.Order order;

    public OnnxFaceEmbedder(OnnxModel model, boolean flipFusion) {
        this(model, flipFusion, PixelTensors.Order.BGR);
    }

    OnnxFaceEmbedder(OnnxModel model, boolean flipFusion, PixelTensors.Order order) {
        this.model = model;
        this.flipFusion = flipFusion;
        this.order = order;
    }

    @Override
    public Embedding embed(FaceImage alignedFace) {
        Mat face = OpenCvImage.of(alignedFace).mat();
        float[] raw = run(face);
        if (flipFusion) {
            Mat flipped = new Mat();
            Core.flip(face, flipped, 1);
            float[] mirror = run(flipped);
            OpenCvImage.wipe(flipped);
            Embedding a = normalised(raw), b = normalised(mirror);
            Arrays.fill(raw, 0f);
            Arrays.fill(mirror, 0f);
            Embedding fused = Embedding.mean(a, b);
            a.wipe();
            b.wipe();
            return fused;
        }
        Embedding e = normalised(raw);
        Arrays.fill(raw, 0f);
        return e;
    }

    private static Embedding normalised(float[] raw) {
        try {
            return Embedding.ofRaw(raw);
        } catch (IllegalArgumentException e) { // zero or non-finite output
            throw new FaceTrustException(FailureCode.FEATURE_EXTRACTION_FAILED, "the recogniser gave no usable "
                    + "template for this face", java.util.List.of(), e);
        }
    }

    private float[] run(Mat face) {
        float[] input = PixelTensors.chw(face, order, 127.5f, 128f);
        return model.run(input, new long[]{1, 3, SimilarityAligner.SIZE, SimilarityAligner.SIZE})
                .values().iterator().next();
    }
}
