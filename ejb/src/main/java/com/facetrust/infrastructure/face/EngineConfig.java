package com.facetrust.infrastructure.face;

/**
 * Engine settings. The server fills this from MicroProfile Config (keys {@code facetrust.engine.*}, see
 * {@code com.facetrust.application.face}); plain Java uses {@link #defaults()}.
 *
 * @param maxImageBytes          refuse larger inputs before reading them (IMAGE_TOO_LARGE); default 10 MiB
 * @param maxImageWidth          header width limit (IMAGE_DIMENSIONS_TOO_LARGE); default 8192
 * @param maxImageHeight         header height limit; default 8192
 * @param maxMegapixels          header width×height limit in millions; default 16 (a 36 MP progressive JPEG took
 *                               4.9 s to decode here; 16 MP covers phone cameras at their default resolution)
 * @param minImageSide           smaller images are refused (IMAGE_TOO_SMALL); default 32
 * @param detectionThreshold     detector face probability to keep a box; default 0.7
 * @param nmsIou                 boxes overlapping a better one by more than this IoU are dropped; default 0.3
 * @param minFaceSize            ignore boxes whose shorter side is below this many pixels; default 12
 * @param maxFaces               at most this many faces get landmarks and are reported; default 10
 * @param inferenceThreads       ONNX Runtime intra-op threads per session (no spinning); default min(2, cores):
 *                               on the shared 2-core machine 2 threads gave p50 88 ms vs 146 ms with 1 thread
 * @param maxConcurrentAnalyses  analyses allowed at once (bounded parallelism); default = available processors
 * @param flipFusion             average the embeddings of the face and its mirror image; default false
 *                               (measured, docs/models.md)
 * @param verifyModelHashes      re-check each model's SHA-256 against the manifest at load; default true
 * @param landmarkRefinement     locate the 68 landmarks twice: first in a square box around the detector box, then
 *                               in the same square re-centred on the first landmarks; default true (celeba-dev:
 *                               EER 3.22 → 2.62 %, FRR 7.16 → 6.14 % at FAR 1e-3, 12.09 → 11.22 % at 1e-4, same
 *                               2,638 / 294,197 pairs; +1 landmark run ≈ 1.6 ms CPU; docs/models.md)
 */
public record EngineConfig(long maxImageBytes, int maxImageWidth, int maxImageHeight, double maxMegapixels,
                           int minImageSide, double detectionThreshold, double nmsIou, double minFaceSize,
                           int maxFaces, int inferenceThreads, int maxConcurrentAnalyses, boolean flipFusion,
                           boolean verifyModelHashes, boolean landmarkRefinement) {

    public static EngineConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new EngineConfig(10L * 1024 * 1024, 8192, 8192, 16.0, 32, 0.7, 0.3, 12, 10, Math.min(2, cores),
                cores, false, true, true);
    }

    public EngineConfig withFlipFusion(boolean on) {
        return new EngineConfig(maxImageBytes, maxImageWidth, maxImageHeight, maxMegapixels, minImageSide,
                detectionThreshold, nmsIou, minFaceSize, maxFaces, inferenceThreads, maxConcurrentAnalyses, on,
                verifyModelHashes, landmarkRefinement);
    }

    public EngineConfig withLimits(long bytes, int width, int height, double megapixels) {
        return new EngineConfig(bytes, width, height, megapixels, minImageSide, detectionThreshold, nmsIou,
                minFaceSize, maxFaces, inferenceThreads, maxConcurrentAnalyses, flipFusion, verifyModelHashes,
                landmarkRefinement);
    }

    public EngineConfig withInferenceThreads(int threads) {
        return new EngineConfig(maxImageBytes, maxImageWidth, maxImageHeight, maxMegapixels, minImageSide,
                detectionThreshold, nmsIou, minFaceSize, maxFaces, threads, maxConcurrentAnalyses, flipFusion,
                verifyModelHashes, landmarkRefinement);
    }

    public EngineConfig withLandmarkRefinement(boolean on) {
        return new EngineConfig(maxImageBytes, maxImageWidth, maxImageHeight, maxMegapixels, minImageSide,
                detectionThreshold, nmsIou, minFaceSize, maxFaces, inferenceThreads, maxConcurrentAnalyses, flipFusion,
                verifyModelHashes, on);
    }
}
