package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.FaceImage;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * A {@link FaceImage} backed by an OpenCV {@code Mat} (8-bit BGR). {@link #close()} overwrites the pixels with
 * zeros before releasing them, so no face image stays in native memory (A-5.7.1f, A-5.7.2c).
 */
public final class OpenCvImage implements FaceImage {
    private final Mat mat;
    private boolean closed;

    public OpenCvImage(Mat bgr) {
        this.mat = bgr;
    }

    /** The pixels (8UC3, BGR). Owned by this object: do not release it, close this instead. */
    public Mat mat() {
        if (closed) {
            throw new IllegalStateException("image already closed");
        }
        return mat;
    }

    @Override
    public int width() {
        return mat.cols();
    }

    @Override
    public int height() {
        return mat.rows();
    }

    static OpenCvImage of(FaceImage image) {
        if (image instanceof OpenCvImage o) {
            return o;
        }
        throw new IllegalArgumentException("not an engine image: " + image.getClass().getName());
    }

    /** Zeroes and releases a temporary Mat that held face pixels. */
    static void wipe(Mat m) {
        if (m != null) {
            if (!m.empty()) {
                m.setTo(Scalar.all(0));
            }
            m.release();
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            wipe(mat);
        }
    }
}
