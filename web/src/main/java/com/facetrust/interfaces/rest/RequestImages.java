package com.facetrust.interfaces.rest;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads request bodies that carry face images into memory — never to disk (A-7.2a) — for every resource that takes
 * images (enrolment, recognition): a byte limit checked before reading (Content-Length) and while reading (chunked
 * bodies), and an in-memory multipart/form-data parser (the container's multipart support spills parts to temporary
 * files). Buffers are zeroed once their content has been extracted; callers zero the images after use.
 */
public final class RequestImages {
    private RequestImages() {
    }

    /** One part of a multipart body: its name (form field) and content. */
    public record Part(String name, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /** Reads at most {@code limit} bytes; FT-3005 (413) if the declared or actual length exceeds it. */
    public static byte[] readBounded(InputStream in, long declaredLength, long limit) {
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        byte[] buffer = new byte[(int) Math.min(Math.max(declaredLength, 8192), limit + 1)];
        int length = 0;
        try {
            int n;
            while ((n = in.read(buffer, length, buffer.length - length)) != -1) {
                length += n;
                if (length > limit) {
                    Arrays.fill(buffer, (byte) 0);
                    throw tooLarge(limit);
                }
                if (length == buffer.length) {
                    byte[] bigger = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, limit + 1));
                    Arrays.fill(buffer, (byte) 0);
                    buffer = bigger;
                }
            }
        } catch (IOException e) {
            Arrays.fill(buffer, (byte) 0);
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "the request body could not be read", List.of(), e);
        }
        byte[] body = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, (byte) 0);
        return body;
    }

    private static FaceTrustException tooLarge(long limit) {
        return new FaceTrustException(FailureCode.REQUEST_TOO_LARGE, "the request body exceeds " + limit + " bytes",
                List.of("max-bytes:" + limit));
    }

    /** Every part of a multipart/form-data body, in order; zeroes {@code body}. */
    public static List<Part> multipart(byte[] body, String contentType) {
        List<Part> parts = new ArrayList<>();
        try {
            byte[] delimiter = ("--" + boundary(contentType)).getBytes(StandardCharsets.ISO_8859_1);
            int start = indexOf(body, delimiter, 0);
            if (start < 0) {
                throw malformed("no boundary found");
            }
            int pos = start + delimiter.length;
            while (true) {
                if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                    break; // closing delimiter
                }
                pos = skipLineEnd(body, pos);
                int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
                if (headersEnd < 0) {
                    throw malformed("part without headers");
                }
                String headers = new String(body, pos, headersEnd - pos, StandardCharsets.ISO_8859_1);
                int contentStart = headersEnd + 4;
                int next = indexOf(body, concat("\r\n".getBytes(StandardCharsets.ISO_8859_1), delimiter),
                        contentStart);
                if (next < 0) {
                    throw malformed("unterminated part");
                }
                parts.add(new Part(partName(headers), Arrays.copyOfRange(body, contentStart, next)));
                pos = next + 2 + delimiter.length;
            }
            return parts;
        } catch (FaceTrustException e) {
            zeroParts(parts);
            throw e;
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    static String boundary(String contentType) {
        if (contentType != null) {
            for (String param : contentType.split(";")) {
                String p = param.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                    String b = p.substring("boundary=".length());
                    if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                        b = b.substring(1, b.length() - 1);
                    }
                    if (!b.isEmpty() && b.length() <= 70) {
                        return b;
                    }
                }
            }
        }
        throw malformed("multipart/form-data needs a boundary parameter of 1..70 characters");
    }

    private static String partName(String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                for (String param : line.split(";")) {
                    String p = param.strip();
                    if (p.toLowerCase(Locale.ROOT).startsWith("name=")) {
                        String v = p.substring(5);
                        return v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2
                                ? v.substring(1, v.length() - 1) : v;
                    }
                }
            }
        }
        return null;
    }

    private static int skipLineEnd(byte[] b, int pos) {
        while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t')) {
            pos++;
        }
        if (pos + 1 < b.length && b[pos] == '\r' && b[pos + 1] == '\n') {
            return pos + 2;
        }
        throw malformed("delimiter not followed by a line end");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static FaceTrustException malformed(String why) {
        return new FaceTrustException(FailureCode.BAD_REQUEST, "malformed multipart body: " + why);
    }

    /** Overwrites images (residual data, A-5.7.1 f); null entries are skipped. */
    public static void zero(List<byte[]> images) {
        if (images != null) {
            images.forEach(RequestImages::zero);
        }
    }

    public static void zero(byte[] image) {
        if (image != null) {
            Arrays.fill(image, (byte) 0);
        }
    }

    public static void zeroParts(List<Part> parts) {
        parts.forEach(p -> zero(p.content()));
    }
}
