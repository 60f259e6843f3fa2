package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.ImageFormat;
import com.facetrust.domain.face.ImageHeader;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Safe decoding (issue 3): a hostile corpus made by the test — zero bytes, truncated JPEG/PNG, giant dimensions in
 * a tiny file, wrong magic, random bytes, a PNG bomb — each gets its coded error within a bounded time (the
 * timeout is a hang guard, not a speed test); and the awkward-but-valid images (grey, 16-bit, alpha, CMYK, EXIF
 * rotated, BMP, WebP) decode to upright 8-bit BGR.
 */
class SafeImageDecoderTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static SafeImageDecoder decoder;

    @BeforeAll
    static void load() {
        OpenCvRuntime.ensureLoaded();
        decoder = new SafeImageDecoder(EngineConfig.defaults());
    }

    static byte[] encode(Mat m, String ext, int... params) {
        MatOfByte buf = new MatOfByte();
        assertTrue(Imgcodecs.imencode(ext, m, buf, new MatOfInt(params)), "encoder for " + ext);
        byte[] b = buf.toArray();
        buf.release();
        return b;
    }

    static Mat gradient(int w, int h, int type) {
        Mat m = new Mat(h, w, type);
        int ch = CvType.channels(type);
        boolean sixteen = CvType.depth(type) == CvType.CV_16U;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double[] px = new double[ch];
                for (int c = 0; c < ch; c++) {
                    double v = ((x * (c + 1) + y * 2) % 256);
                    px[c] = sixteen ? v * 257 : v;
                }
                m.put(y, x, px);
            }
        }
        return m;
    }

    private static void assertCode(FailureCode expected, Executable call) {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            FaceTrustException e = assertThrows(FaceTrustException.class, call);
            assertEquals(expected, e.failureCode(), e.getMessage());
        });
    }

    private static int indexOf(byte[] d, int b1, int b2) {
        for (int i = 0; i < d.length - 1; i++) {
            if ((d[i] & 0xFF) == b1 && (d[i + 1] & 0xFF) == b2) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void zeroBytesAndNullAreMissing() {
        assertCode(FailureCode.IMAGE_MISSING, () -> decoder.decode(new byte[0]));
        assertCode(FailureCode.IMAGE_MISSING, () -> decoder.decode(null));
    }

    @Test
    void truncatedJpegIsCorrupt() {
        byte[] jpeg = encode(gradient(200, 150, CvType.CV_8UC3), ".jpg");
        assertCode(FailureCode.IMAGE_CORRUPT, () -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length * 6 / 10)));
        assertCode(FailureCode.IMAGE_CORRUPT, () -> decoder.decode(Arrays.copyOf(jpeg, 40)));
    }

    @Test
    void truncatedPngIsCorrupt() {
        byte[] png = encode(gradient(200, 150, CvType.CV_8UC3), ".png");
        assertCode(FailureCode.IMAGE_CORRUPT, () -> decoder.decode(Arrays.copyOf(png, png.length * 6 / 10)));
        assertCode(FailureCode.IMAGE_CORRUPT, () -> decoder.decode(Arrays.copyOf(png, 20)));
    }

    @Test
    void giantDimensionsInATinyJpegAreRefusedBeforeDecoding() {
        byte[] jpeg = encode(gradient(64, 64, CvType.CV_8UC3), ".jpg");
        int sof = indexOf(jpeg, 0xFF, 0xC0);
        assertTrue(sof > 0);
        // SOF0: FF C0, length(2), precision(1), height(2), width(2): declare 30000 x 30000
        jpeg[sof + 5] = (byte) (30000 >> 8);
        jpeg[sof + 6] = (byte) (30000 & 0xFF);
        jpeg[sof + 7] = (byte) (30000 >> 8);
        jpeg[sof + 8] = (byte) (30000 & 0xFF);
        assertTrue(jpeg.length < 10_000, "tiny file");
        assertEquals(30000, ImageHeaderReader.read(jpeg).width());
        assertCode(FailureCode.IMAGE_DIMENSIONS_TOO_LARGE, () -> decoder.decode(jpeg));
    }

    @Test
    void giantDimensionsInATinyPngAreRefusedBeforeDecoding() {
        byte[] png = encode(gradient(64, 64, CvType.CV_8UC3), ".png");
        // IHDR width/height at bytes 16..23, big-endian: 30000 x 30000 (CRC now wrong: never reached)
        for (int off : new int[]{16, 20}) {
            png[off] = 0;
            png[off + 1] = 0;
            png[off + 2] = (byte) (30000 >> 8);
            png[off + 3] = (byte) (30000 & 0xFF);
        }
        assertCode(FailureCode.IMAGE_DIMENSIONS_TOO_LARGE, () -> decoder.decode(png));
        // 2^31-1 wide: refused too, never overflows
        png[16] = 0x7F;
        png[17] = (byte) 0xFF;
        png[18] = (byte) 0xFF;
        png[19] = (byte) 0xFF;
        assertCode(FailureCode.IMAGE_DIMENSIONS_TOO_LARGE, () -> decoder.decode(png));
    }

    @Test
    void pngBombIsRefusedByTheMegapixelLimit() {
        // 6000 x 6000 of zeros: a few tens of KB that would inflate to 108 MB of BGR pixels
        Mat zeros = new Mat(6000, 6000, CvType.CV_8UC1, Scalar.all(0));
        byte[] bomb = encode(zeros, ".png", Imgcodecs.IMWRITE_PNG_COMPRESSION, 9);
        zeros.release();
        assertTrue(bomb.length < 200_000, "compressed size " + bomb.length);
        // refused by the default 16 MP limit before any pixel is inflated
        assertCode(FailureCode.IMAGE_DIMENSIONS_TOO_LARGE, () -> decoder.decode(bomb));
    }

    @Test
    void wrongMagicAndRandomBytesAreUnsupported() {
        assertCode(FailureCode.IMAGE_FORMAT_UNSUPPORTED,
                () -> decoder.decode("this is not a JPEG although it is called photo.jpg".getBytes()));
        assertCode(FailureCode.IMAGE_FORMAT_UNSUPPORTED,
                () -> decoder.decode("GIF89a\u0010\u0000\u0010\u0000".getBytes()));
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] noise = new byte[1 + random.nextInt(50_000)];
            random.nextBytes(noise);
            if ((noise[0] & 0xFF) == 0xFF || noise[0] == (byte) 0x89 || noise[0] == 'B' || noise[0] == 'R') {
                noise[0] = 0; // keep it random but not accidentally a magic number
            }
            assertCode(FailureCode.IMAGE_FORMAT_UNSUPPORTED, () -> decoder.decode(noise));
        }
    }

    @Test
    void randomBytesBehindAValidMagicAreCorrupt() {
        Random random = new Random(7);
        byte[] fakeJpeg = new byte[30_000];
        random.nextBytes(fakeJpeg);
        fakeJpeg[0] = (byte) 0xFF;
        fakeJpeg[1] = (byte) 0xD8;
        fakeJpeg[2] = (byte) 0xFF;
        assertCode(FailureCode.IMAGE_CORRUPT, () -> decoder.decode(fakeJpeg));
        byte[] png = encode(gradient(100, 100, CvType.CV_8UC3), ".png");
        byte[] garbled = png.clone();
        for (int i = 40; i < garbled.length - 20; i++) {
            garbled[i] = (byte) random.nextInt(256); // IDAT scrambled, IEND kept
        }
        assertCode(FailureCode.IMAGE_CORRUPT, () -> decoder.decode(garbled));
    }

    @Test
    void byteAndSizeLimits() {
        byte[] jpeg = encode(gradient(200, 150, CvType.CV_8UC3), ".jpg");
        SafeImageDecoder small = new SafeImageDecoder(EngineConfig.defaults().withLimits(1000, 8192, 8192, 40));
        assertCode(FailureCode.IMAGE_TOO_LARGE, () -> small.decode(jpeg));
        byte[] tiny = encode(gradient(8, 8, CvType.CV_8UC3), ".png");
        assertCode(FailureCode.IMAGE_TOO_SMALL, () -> decoder.decode(tiny));
    }

    private static void assertDecodes(byte[] data, ImageFormat format, int w, int h) {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            SafeImageDecoder.Decoded d = decoder.decodeWithHeader(data);
            try (OpenCvImage img = d.image()) {
                assertEquals(format, d.header().format());
                assertEquals(w, img.width());
                assertEquals(h, img.height());
                assertEquals(CvType.CV_8UC3, img.mat().type());
            }
        });
    }

    @Test
    void greySixteenBitAlphaBmpWebpDecodeToBgr() {
        assertDecodes(encode(gradient(120, 80, CvType.CV_8UC1), ".jpg"), ImageFormat.JPEG, 120, 80);
        assertDecodes(encode(gradient(120, 80, CvType.CV_8UC1), ".png"), ImageFormat.PNG, 120, 80);
        assertDecodes(encode(gradient(120, 80, CvType.CV_16UC3), ".png"), ImageFormat.PNG, 120, 80);
        assertDecodes(encode(gradient(120, 80, CvType.CV_8UC4), ".png"), ImageFormat.PNG, 120, 80);
        assertDecodes(encode(gradient(120, 80, CvType.CV_8UC3), ".bmp"), ImageFormat.BMP, 120, 80);
        if (Imgcodecs.haveImageWriter(".webp")) {
            assertDecodes(encode(gradient(120, 80, CvType.CV_8UC3), ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, 90),
                    ImageFormat.WEBP, 120, 80);
            assertDecodes(encode(gradient(120, 80, CvType.CV_8UC3), ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, 101),
                    ImageFormat.WEBP, 120, 80);
        }
    }

    @Test
    void cmykJpegDecodes() throws Exception {
        WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 96, 64, 4, null);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                r.setPixel(x, y, new int[]{x * 2, y * 3, (x + y) % 256, 20});
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(r, null, null), null);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = out.toByteArray();
        int sof = indexOf(jpeg, 0xFF, 0xC0);
        assertEquals(4, jpeg[sof + 9], "the test image really has four components");
        assertDecodes(jpeg, ImageFormat.JPEG, 96, 64);
    }

    /** EXIF APP1 segment with IFD0 Orientation = {@code orientation}, big-endian TIFF. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
                0, 0, 0, 0};
        int len = 2 + 6 + tiff.length;
        byte[] app1 = new byte[2 + len];
        app1[0] = (byte) 0xFF;
        app1[1] = (byte) 0xE1;
        app1[2] = (byte) (len >> 8);
        app1[3] = (byte) len;
        System.arraycopy(new byte[]{'E', 'x', 'i', 'f', 0, 0}, 0, app1, 4, 6);
        System.arraycopy(tiff, 0, app1, 10, tiff.length);
        byte[] out = new byte[jpeg.length + app1.length];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        System.arraycopy(app1, 0, out, 2, app1.length);
        System.arraycopy(jpeg, 2, out, 2 + app1.length, jpeg.length - 2);
        return out;
    }

    @Test
    void exifOrientationIsApplied() {
        Mat m = gradient(120, 60, CvType.CV_8UC3);
        // a bright marker in the top-left corner tells where the picture's top-left ends up
        m.submat(0, 20, 0, 20).setTo(new Scalar(255, 255, 255));
        byte[] jpeg = encode(m, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 95);
        ImageHeader h = ImageHeaderReader.read(withExifOrientation(jpeg, 6));
        assertEquals(6, h.exifOrientation());
        // orientation 6 = stored image must be rotated 90° clockwise for display: 120x60 becomes 60x120 and
        // the stored top-left corner goes to the top-right
        SafeImageDecoder.Decoded d = decoder.decodeWithHeader(withExifOrientation(jpeg, 6));
        try (OpenCvImage img = d.image()) {
            assertEquals(60, img.width());
            assertEquals(120, img.height());
            assertTrue(img.mat().get(5, 55)[0] > 200, "marker at the top-right after rotation");
            assertTrue(img.mat().get(5, 5)[0] < 200, "not at the top-left any more");
        }
        for (int o = 1; o <= 8; o++) {
            try (OpenCvImage img = decoder.decodeWithHeader(withExifOrientation(jpeg, o)).image()) {
                boolean swapped = o >= 5;
                assertEquals(swapped ? 60 : 120, img.width(), "orientation " + o);
            }
        }
    }

    @Test
    void closingAnImageWipesAndReleasesItsPixels() {
        byte[] png = encode(gradient(64, 64, CvType.CV_8UC3), ".png");
        OpenCvImage img = decoder.decode(png) instanceof OpenCvImage o ? o : fail();
        Mat pixels = img.mat();
        assertFalse(pixels.empty());
        img.close();
        assertTrue(pixels.empty(), "pixels released");
        assertThrows(IllegalStateException.class, img::mat);
    }
}
