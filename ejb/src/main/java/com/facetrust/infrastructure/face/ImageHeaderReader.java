package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.ImageFormat;
import com.facetrust.domain.face.ImageHeader;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

/**
 * Reads format (by magic number), dimensions and EXIF orientation from the container header without decoding any
 * pixel, so limits are enforced before memory is allocated (issue 3: "a 30000×30000 header must never be
 * allocated"). Also detects truncation where the container makes it cheap (JPEG without EOI after the scan, PNG
 * without IEND, BMP or WebP shorter than declared), because decoders often return a half-grey image for those
 * instead of failing.
 */
public final class ImageHeaderReader {

    private ImageHeaderReader() {
    }

    /**
     * The header plus a structural defect found cheaply (truncation), or null. The defect is reported separately so
     * the decoder can apply the size limits first: a giant header is refused as too large whatever else is wrong.
     */
    record Probe(ImageHeader header, String defect) {
    }

    /** The header; throws IMAGE_CORRUPT when the container is structurally damaged. */
    public static ImageHeader read(byte[] d) {
        Probe p = probe(d);
        if (p.defect() != null) {
            throw corrupt(p.defect());
        }
        return p.header();
    }

    static Probe probe(byte[] d) {
        if (d == null || d.length == 0) {
            throw new FaceTrustException(FailureCode.IMAGE_MISSING, "empty image");
        }
        if (d.length >= 3 && u8(d, 0) == 0xFF && u8(d, 1) == 0xD8 && u8(d, 2) == 0xFF) {
            return jpeg(d);
        }
        if (d.length >= 8 && u8(d, 0) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G'
                && u8(d, 4) == 0x0D && u8(d, 5) == 0x0A && u8(d, 6) == 0x1A && u8(d, 7) == 0x0A) {
            return png(d);
        }
        if (d.length >= 2 && d[0] == 'B' && d[1] == 'M') {
            return bmp(d);
        }
        if (d.length >= 12 && d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F'
                && d[8] == 'W' && d[9] == 'E' && d[10] == 'B' && d[11] == 'P') {
            return webp(d);
        }
        throw new FaceTrustException(FailureCode.IMAGE_FORMAT_UNSUPPORTED,
                "not a JPEG, PNG, BMP or WebP image (unknown magic number)");
    }

    private static FaceTrustException corrupt(String why) {
        return new FaceTrustException(FailureCode.IMAGE_CORRUPT, why);
    }

    private static ImageHeader checked(ImageFormat f, long w, long h, int orientation) {
        if (w <= 0 || h <= 0) {
            throw corrupt(f + " header declares no pixels (" + w + "x" + h + ")");
        }
        if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new FaceTrustException(FailureCode.IMAGE_DIMENSIONS_TOO_LARGE,
                    f + " header declares " + w + "x" + h);
        }
        return new ImageHeader(f, (int) w, (int) h, orientation);
    }

    // ---- JPEG: walk the marker segments up to the first scan.
    private static Probe jpeg(byte[] d) {
        int p = 2;
        int width = -1, height = -1, orientation = 1;
        while (true) {
            if (p >= d.length) {
                throw corrupt("JPEG ends before its image data");
            }
            if (u8(d, p) != 0xFF) {
                throw corrupt("JPEG marker expected at byte " + p);
            }
            while (p < d.length && u8(d, p) == 0xFF) {
                p++; // fill bytes
            }
            if (p >= d.length) {
                throw corrupt("JPEG ends inside a marker");
            }
            int marker = u8(d, p++);
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // no length field
            }
            if (marker == 0xD9) {
                throw corrupt("JPEG ends before its image data");
            }
            if (p + 2 > d.length) {
                throw corrupt("JPEG truncated in a segment header");
            }
            int len = u16be(d, p);
            if (len < 2 || p + len > d.length) {
                throw corrupt("JPEG segment length runs past the end of the data");
            }
            boolean sof = (marker >= 0xC0 && marker <= 0xCF) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (len < 8) {
                    throw corrupt("JPEG frame header too short");
                }
                height = u16be(d, p + 3);
                width = u16be(d, p + 5);
            } else if (marker == 0xE1 && len >= 8 && d[p + 2] == 'E' && d[p + 3] == 'x' && d[p + 4] == 'i'
                    && d[p + 5] == 'f' && d[p + 6] == 0 && d[p + 7] == 0) {
                orientation = exifOrientation(d, p + 8, p + len);
            } else if (marker == 0xDA) {
                if (width < 0) {
                    throw corrupt("JPEG scan before a frame header");
                }
                return new Probe(checked(ImageFormat.JPEG, width, height, orientation), hasEoiAfter(d, p + len)
                        ? null : "JPEG is truncated (no end-of-image marker after the scan data)");
            }
            p += len;
        }
    }

    /** Entropy-coded data byte-stuffs 0xFF, so an FF D9 after the scan start is a real end-of-image marker. */
    private static boolean hasEoiAfter(byte[] d, int from) {
        for (int i = d.length - 2; i >= from; i--) {
            if (u8(d, i) == 0xFF && u8(d, i + 1) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    /** EXIF IFD0 tag 0x0112 (Orientation), 1..8; 1 when absent or malformed (the image is then used as stored). */
    static int exifOrientation(byte[] d, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean little;
        if (d[tiff] == 'I' && d[tiff + 1] == 'I') {
            little = true;
        } else if (d[tiff] == 'M' && d[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        long ifd = u32(d, tiff + 4, little);
        if (ifd < 8 || tiff + ifd + 2 > end) {
            return 1;
        }
        int p = (int) (tiff + ifd);
        int count = u16(d, p, little);
        p += 2;
        for (int i = 0; i < count && p + 12 <= end; i++, p += 12) {
            if (u16(d, p, little) == 0x0112) {
                int v = u16(d, p + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    // ---- PNG: IHDR is always the first chunk; IEND must close the file.
    private static Probe png(byte[] d) {
        if (d.length < 33 || d[12] != 'I' || d[13] != 'H' || d[14] != 'D' || d[15] != 'R') {
            throw corrupt("PNG without a complete IHDR chunk");
        }
        long w = u32(d, 16, false);
        long h = u32(d, 20, false);
        int n = d.length;
        // IEND chunk: length 0, type "IEND", CRC AE 42 60 82 (trailing bytes after it are tolerated below).
        boolean iend = false;
        for (int i = n - 8; i >= Math.max(33, n - 4096); i--) {
            if (d[i] == 'I' && d[i + 1] == 'E' && d[i + 2] == 'N' && d[i + 3] == 'D') {
                iend = true;
                break;
            }
        }
        return new Probe(checked(ImageFormat.PNG, w, h, 1), iend ? null : "PNG is truncated (no IEND chunk)");
    }

    // ---- BMP: BITMAPFILEHEADER + DIB header; uncompressed data must fit in the file.
    private static Probe bmp(byte[] d) {
        if (d.length < 26) {
            throw corrupt("BMP header truncated");
        }
        long dataOffset = u32(d, 10, true);
        long dibSize = u32(d, 14, true);
        long w, h;
        int bpp;
        long compression = 0;
        if (dibSize == 12) {
            w = u16(d, 18, true);
            h = u16(d, 20, true);
            bpp = u16(d, 24, true);
        } else if (dibSize >= 40 && d.length >= 54) {
            w = (int) u32(d, 18, true);
            h = Math.abs((long) (int) u32(d, 22, true)); // negative height = top-down rows
            bpp = u16(d, 28, true);
            compression = u32(d, 30, true);
        } else {
            throw corrupt("BMP with an unknown header size " + dibSize);
        }
        String defect = null;
        if (w > 0 && h > 0 && compression == 0 && bpp > 0 && bpp <= 32) {
            long rowBytes = ((w * bpp + 31) / 32) * 4;
            if (dataOffset + rowBytes * h > d.length) {
                defect = "BMP is truncated (pixel data shorter than declared)";
            }
        }
        return new Probe(checked(ImageFormat.BMP, w, h, 1), defect);
    }

    // ---- WebP: RIFF container with a VP8, VP8L or VP8X first chunk.
    private static Probe webp(byte[] d) {
        if (d.length < 30) {
            throw corrupt("WebP header truncated");
        }
        long riffSize = u32(d, 4, true);
        String defect = riffSize + 8 > d.length
                ? "WebP is truncated (RIFF size " + (riffSize + 8) + " > " + d.length + " bytes)" : null;
        String chunk = new String(d, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        switch (chunk) {
            case "VP8X" -> {
                long w = 1 + (u8(d, 24) | (u8(d, 25) << 8) | ((long) u8(d, 26) << 16));
                long h = 1 + (u8(d, 27) | (u8(d, 28) << 8) | ((long) u8(d, 29) << 16));
                return new Probe(checked(ImageFormat.WEBP, w, h, 1), defect);
            }
            case "VP8L" -> {
                if (u8(d, 20) != 0x2F) {
                    throw corrupt("WebP lossless signature missing");
                }
                long bits = u32(d, 21, true);
                return new Probe(checked(ImageFormat.WEBP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, 1), defect);
            }
            case "VP8 " -> {
                if (u8(d, 23) != 0x9D || u8(d, 24) != 0x01 || u8(d, 25) != 0x2A) {
                    throw corrupt("WebP lossy start code missing");
                }
                return new Probe(checked(ImageFormat.WEBP, u16(d, 26, true) & 0x3FFF, u16(d, 28, true) & 0x3FFF, 1), defect);
            }
            default -> throw corrupt("WebP with unknown first chunk '" + chunk + "'");
        }
    }

    private static int u8(byte[] d, int i) {
        return d[i] & 0xFF;
    }

    private static int u16be(byte[] d, int i) {
        return (u8(d, i) << 8) | u8(d, i + 1);
    }

    private static int u16(byte[] d, int i, boolean little) {
        return little ? (u8(d, i) | (u8(d, i + 1) << 8)) : u16be(d, i);
    }

    private static long u32(byte[] d, int i, boolean little) {
        if (little) {
            return (u8(d, i) | (u8(d, i + 1) << 8) | (u8(d, i + 2) << 16) | ((long) u8(d, i + 3) << 24));
        }
        return (((long) u8(d, i) << 24) | (u8(d, i + 1) << 16) | (u8(d, i + 2) << 8) | u8(d, i + 3));
    }
}
