package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.FaceImage;
import com.facetrust.domain.face.ImageDecoder;
import com.facetrust.domain.face.ImageHeader;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

import java.util.Locale;

/**
 * Decodes untrusted image bytes in this order, each step refusing with a coded error:
 * <ol>
 *   <li>byte count (IMAGE_MISSING / IMAGE_TOO_LARGE) — before looking at the content;</li>
 *   <li>magic number and header ({@link ImageHeaderReader}; IMAGE_FORMAT_UNSUPPORTED) — the label is never
 *       trusted;</li>
 *   <li>declared width, height and megapixels (IMAGE_DIMENSIONS_TOO_LARGE / IMAGE_TOO_SMALL) — before any pixel
 *       memory exists, so memory per image is bounded by the limits;</li>
 *   <li>truncation found in the container (IMAGE_CORRUPT);</li>
 *   <li>OpenCV {@code imdecode} to 8-bit BGR (grey, 16-bit, alpha and CMYK JPEG are converted by it; alpha is
 *       dropped), EXIF orientation ignored by OpenCV and applied here explicitly, then the result is checked
 *       against the header (IMAGE_CORRUPT).</li>
 * </ol>
 */
public final class SafeImageDecoder implements ImageDecoder {
    private final EngineConfig config;

    public SafeImageDecoder(EngineConfig config) {
        OpenCvRuntime.ensureLoaded();
        this.config = config;
    }

    @Override
    public ImageHeader probe(byte[] data) {
        checkBytes(data);
        return ImageHeaderReader.read(data);
    }

    private void checkBytes(byte[] data) {
        if (data == null || data.length == 0) {
            throw new FaceTrustException(FailureCode.IMAGE_MISSING, "no image data");
        }
        if (data.length > config.maxImageBytes()) {
            throw new FaceTrustException(FailureCode.IMAGE_TOO_LARGE,
                    "image has " + data.length + " bytes, limit " + config.maxImageBytes());
        }
    }

    /** Limits on the declared size; public so callers can check a header they probed themselves. */
    public void checkDimensions(ImageHeader h) {
        double megapixels = h.pixels() / 1e6;
        if (h.width() > config.maxImageWidth() || h.height() > config.maxImageHeight()
                || megapixels > config.maxMegapixels()) {
            throw new FaceTrustException(FailureCode.IMAGE_DIMENSIONS_TOO_LARGE, String.format(Locale.ROOT,
                    "header declares %dx%d (%.1f MP); limits %dx%d, %.1f MP", h.width(), h.height(), megapixels,
                    config.maxImageWidth(), config.maxImageHeight(), config.maxMegapixels()));
        }
        if (Math.min(h.width(), h.height()) < config.minImageSide()) {
            throw new FaceTrustException(FailureCode.IMAGE_TOO_SMALL,
                    "image is " + h.width() + "x" + h.height() + ", minimum side " + config.minImageSide());
        }
    }

    @Override
    public FaceImage decode(byte[] data) {
        return decodeWithHeader(data).image();
    }

    /** The decoded image together with its header. */
    public Decoded decodeWithHeader(byte[] data) {
        checkBytes(data);
        ImageHeaderReader.Probe probe = ImageHeaderReader.probe(data);
        ImageHeader header = probe.header();
        checkDimensions(header);
        if (probe.defect() != null) {
            throw new FaceTrustException(FailureCode.IMAGE_CORRUPT, probe.defect());
        }
        MatOfByte encoded = new MatOfByte(data);
        Mat decoded;
        try {
            decoded = Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
        } catch (RuntimeException e) { // CvException from a decoder error
            throw new FaceTrustException(FailureCode.IMAGE_CORRUPT, "image cannot be decoded", java.util.List.of(), e);
        } finally {
            OpenCvImage.wipe(encoded); // the compressed copy is a face image too (A-5.7.1f)
        }
        if (decoded == null || decoded.empty()) {
            if (decoded != null) {
                decoded.release();
            }
            throw new FaceTrustException(FailureCode.IMAGE_CORRUPT, header.format() + " image cannot be decoded");
        }
        if (decoded.cols() != header.width() || decoded.rows() != header.height()
                || decoded.type() != CvType.CV_8UC3) {
            OpenCvImage.wipe(decoded);
            throw new FaceTrustException(FailureCode.IMAGE_CORRUPT, "decoded image does not match its header");
        }
        Mat upright = orient(decoded, header.exifOrientation());
        return new Decoded(header, new OpenCvImage(upright));
    }

    /** Header plus pixels. */
    public record Decoded(ImageHeader header, OpenCvImage image) {
    }

    /** Applies EXIF orientation 2..8 (TIFF 6.0 / EXIF 2.3 semantics); consumes {@code m}. */
    static Mat orient(Mat m, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return m;
        }
        Mat out = new Mat();
        switch (orientation) {
            case 2 -> Core.flip(m, out, 1);                               // mirror horizontally
            case 3 -> Core.rotate(m, out, Core.ROTATE_180);
            case 4 -> Core.flip(m, out, 0);                               // mirror vertically
            case 5 -> Core.transpose(m, out);                             // mirror + rotate 270 CW
            case 6 -> Core.rotate(m, out, Core.ROTATE_90_CLOCKWISE);
            case 7 -> {                                                   // mirror + rotate 90 CW
                Mat t = new Mat();
                Core.transpose(m, t);
                Core.rotate(t, out, Core.ROTATE_180);
                OpenCvImage.wipe(t);
            }
            case 8 -> Core.rotate(m, out, Core.ROTATE_90_COUNTERCLOCKWISE);
            default -> throw new IllegalStateException();
        }
        OpenCvImage.wipe(m);
        return out;
    }
}
