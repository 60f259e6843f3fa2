package com.facetrust.application.imports;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The import archive's zip-bomb limits and the manifest signature. */
class ImportArchiveTest {
    private static final ImportArchive.Limits LIMITS = new ImportArchive.Limits(10, 1_000_000, 2_000_000, 100);

    private static byte[] zip(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static FailureCode refusal(byte[] zip) {
        return assertThrows(FaceTrustException.class, () -> ImportArchive.read(zip, LIMITS)).failureCode();
    }

    @Test
    void readsEntriesInMemoryAndWipesThem() throws Exception {
        ImportArchive archive = ImportArchive.read(zip(Map.of("manifest.json", "{}".getBytes(), "a.jpg",
                new byte[]{1, 2, 3})), LIMITS);
        byte[] a = archive.entry("a.jpg");
        assertArrayEquals(new byte[]{1, 2, 3}, a);
        archive.wipe();
        assertArrayEquals(new byte[3], a, "zeroed");
    }

    @Test
    void refusesBombsAndOddArchives() throws Exception {
        assertEquals(FailureCode.IMPORT_ARCHIVE_REFUSED, refusal(zip(Map.of("zeros.bin", new byte[1_500_000]))),
                "entry bigger than allowed");
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            many.put("f" + i, new byte[]{(byte) i});
        }
        assertEquals(FailureCode.IMPORT_ARCHIVE_REFUSED, refusal(zip(many)), "too many entries");
        assertEquals(FailureCode.IMPORT_ARCHIVE_REFUSED, refusal(zip(Map.of("ratio.bin", new byte[500_000]))),
                "500 kB of zeros deflate more than 100:1");
        assertEquals(FailureCode.IMPORT_ARCHIVE_REFUSED, refusal(zip(Map.of("../evil", new byte[1]))), "path");
        assertEquals(FailureCode.IMPORT_ARCHIVE_REFUSED, refusal("plain text".getBytes()), "not a ZIP");
        Map<String, byte[]> total = new LinkedHashMap<>();
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 3; i++) {
            byte[] noise = new byte[900_000];
            random.nextBytes(noise); // incompressible: passes the ratio, breaks the total
            total.put("n" + i, noise);
        }
        assertEquals(FailureCode.IMPORT_ARCHIVE_REFUSED, refusal(zip(total)), "total uncompressed size");
    }

    @Test
    void manifestSignatureVerifiesOnlyUnchangedBytesUnderTheSourceKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair source = g.generateKeyPair();
        KeyPair other = g.generateKeyPair();
        SourceKeys.ParsedKey key = SourceKeys.parse("-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(source.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----");
        assertEquals("EC", key.algorithm());
        byte[] manifest = "{\"source\":\"hr\"}".getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(source.getPrivate());
        s.update(manifest);
        byte[] sig = s.sign();
        assertTrue(SourceKeys.verifies("EC", key.der(), manifest, sig));
        assertTrue(SourceKeys.verifies("EC", key.der(), manifest, Base64.getEncoder().encode(sig)), "base64 form");
        assertFalse(SourceKeys.verifies("EC", key.der(), "{\"source\":\"hx\"}".getBytes(), sig), "edited");
        s.initSign(other.getPrivate());
        s.update(manifest);
        assertFalse(SourceKeys.verifies("EC", key.der(), manifest, s.sign()), "another key");
        KeyPairGenerator weak = KeyPairGenerator.getInstance("RSA");
        weak.initialize(1024);
        assertEquals(FailureCode.IMPORT_SOURCE_INVALID, assertThrows(FaceTrustException.class, () -> SourceKeys.parse(
                Base64.getEncoder().encodeToString(weak.generateKeyPair().getPublic().getEncoded()))).failureCode());
    }
}
