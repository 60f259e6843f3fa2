package com.facetrust.application.imports;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code manifest.json} of an import archive, signed as a whole by the source ({@code manifest.sig}):
 * <pre>
 * {"source": "hr-system",
 *  "records": [
 *    {"id": "r-001",
 *     "subject": {"name": "...", "contact": "..."},                      (optional; data kind PERSONAL_DATA)
 *     "consents": [{"purpose": "PRIVACY_POLICY", "noticeVersion": "...", "givenAt": "2026-11-01T10:00:00Z",
 *                   "channel": "counter", "evidence": "form 2026/4711"}, ...],
 *     "images": [{"file": "r-001-a.jpg", "sha256": "<hex>"}]}]}      (optional; data kind FACE_IMAGES)
 * </pre>
 * Images are bound to the signature through their SHA-256. Only the structure of the whole manifest is checked here
 * (a broken manifest refuses the import); each record's content is validated when it is processed, so a bad record
 * fails alone.
 */
record ImportManifest(String source, List<Record> records) {

    /** One consent with its evidence, as the source declares it. */
    record Consent(String purpose, String noticeVersion, String givenAt, String channel, String evidence) {
    }

    /** One image of a record: the archive entry and its digest. */
    record Image(String file, String sha256) {
    }

    /** One record as declared; fields may be missing (validated per record). */
    record Record(String id, String name, String contact, List<Consent> consents, List<Image> images) {
    }

    static ImportManifest parse(byte[] json, int maxRecords) {
        JsonObject root;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
            root = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw invalid("manifest.json is not a JSON object", "manifest-json");
        }
        String source = text(root, "source");
        if (source == null) {
            throw invalid("manifest.json names no source", "manifest-source");
        }
        JsonValue recordsValue = root.get("records");
        if (!(recordsValue instanceof JsonArray array) || array.isEmpty()) {
            throw invalid("manifest.json has no records", "manifest-records");
        }
        if (array.size() > maxRecords) {
            throw invalid("more than " + maxRecords + " records", "max-records:" + maxRecords);
        }
        List<Record> records = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject r)) {
                throw invalid("record " + (i + 1) + " is not an object", "record-" + (i + 1));
            }
            String id = text(r, "id");
            if (id == null || !id.matches("[A-Za-z0-9._:-]{1,64}") || !ids.add(id)) {
                throw invalid("record " + (i + 1) + " has no unique id (1..64 of A-Z a-z 0-9 . _ : -)",
                        "record-id:" + (i + 1));
            }
            JsonObject subject = r.get("subject") instanceof JsonObject o ? o : null;
            List<Consent> consents = new ArrayList<>();
            if (r.get("consents") instanceof JsonArray cs) {
                for (JsonValue v : cs) {
                    if (v instanceof JsonObject c) {
                        consents.add(new Consent(text(c, "purpose"), text(c, "noticeVersion"), text(c, "givenAt"),
                                text(c, "channel"), text(c, "evidence")));
                    }
                }
            }
            List<Image> images = new ArrayList<>();
            if (r.get("images") instanceof JsonArray is) {
                for (JsonValue v : is) {
                    if (v instanceof JsonObject img) {
                        images.add(new Image(text(img, "file"), text(img, "sha256")));
                    } else {
                        images.add(new Image(null, null));
                    }
                }
            }
            records.add(new Record(id, subject == null ? null : text(subject, "name"),
                    subject == null ? null : text(subject, "contact"), consents, images));
        }
        return new ImportManifest(source, List.copyOf(records));
    }

    private static String text(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.STRING ? o.getString(key) : null;
    }

    static FaceTrustException invalid(String message, String reason) {
        return new FaceTrustException(FailureCode.IMPORT_RECORD_INVALID, message, List.of(reason));
    }
}
