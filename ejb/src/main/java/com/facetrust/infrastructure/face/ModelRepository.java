package com.facetrust.infrastructure.face;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The model files shipped in {@code facetrust-models.jar} (resources {@code models/*.onnx} and
 * {@code models/manifest.json}). Each file is checked against the manifest's SHA-256 when read, so a damaged or
 * swapped jar fails at start-up with ENGINE_UNAVAILABLE rather than producing wrong templates.
 */
public final class ModelRepository {
    public static final String MANIFEST = "models/manifest.json";

    private final ClassLoader loader;
    private final List<ModelInfo> manifest;
    private final boolean verifyHashes;

    private ModelRepository(ClassLoader loader, boolean verifyHashes) {
        this.loader = loader;
        this.verifyHashes = verifyHashes;
        this.manifest = readManifest();
    }

    /** Models from the class path of this class (the facetrust-models jar). */
    public static ModelRepository fromClasspath(boolean verifyHashes) {
        ClassLoader cl = ModelRepository.class.getClassLoader();
        return new ModelRepository(cl != null ? cl : ClassLoader.getSystemClassLoader(), verifyHashes);
    }

    public List<ModelInfo> manifest() {
        return manifest;
    }

    private byte[] resource(String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new FaceTrustException(FailureCode.ENGINE_UNAVAILABLE,
                        "model resource " + path + " not on the class path (is facetrust-models.jar deployed?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new FaceTrustException(FailureCode.ENGINE_UNAVAILABLE, "cannot read " + path, List.of(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<ModelInfo> readManifest() {
        Map<String, Object> root = (Map<String, Object>) ManifestJson.parse(
                new String(resource(MANIFEST), StandardCharsets.UTF_8));
        List<Map<String, Object>> models = (List<Map<String, Object>>) root.get("models");
        return models.stream().map(m -> new ModelInfo(
                (String) m.get("file"), (String) m.get("sha256"), ((Number) m.get("size")).longValue(),
                (String) m.get("source"), (String) m.get("declaredLicence"), (String) m.get("licenceNote"),
                (String) m.get("purpose"))).toList();
    }

    public ModelInfo info(String file) {
        return manifest.stream().filter(m -> m.file().equals(file)).findFirst()
                .orElseThrow(() -> new FaceTrustException(FailureCode.ENGINE_UNAVAILABLE,
                        "model " + file + " is not in " + MANIFEST));
    }

    /** The model's bytes, checked against the manifest. */
    public byte[] read(String file) {
        ModelInfo info = info(file);
        byte[] bytes = resource("models/" + file);
        if (verifyHashes) {
            String actual = sha256(bytes);
            if (!actual.equals(info.sha256()) || bytes.length != info.size()) {
                throw new FaceTrustException(FailureCode.ENGINE_UNAVAILABLE, "model " + file
                        + " does not match the manifest: expected sha256 " + info.sha256() + ", actual " + actual);
            }
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
