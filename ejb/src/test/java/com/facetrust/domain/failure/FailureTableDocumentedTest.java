package com.facetrust.domain.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A-5.7.5.2 asks for a documented failure table: docs/error-codes.md must list every {@link FailureCode} with the
 * same code, HTTP status and event level as the code does, and nothing the code does not know. Surefire runs in the
 * module folder, so the doc is at ../docs/error-codes.md.
 */
class FailureTableDocumentedTest {

    private static final Path DOC = Path.of("..", "docs", "error-codes.md");

    /** Rows of the form {@code | FT-1001 | IMAGE_TOO_LARGE | 413 | NONE | ... |}, keyed by code. */
    private static Map<String, String[]> documentedRows() throws IOException {
        Map<String, String[]> rows = new HashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            String[] cells = line.split("\\|");
            if (cells.length > 5 && cells[1].trim().matches("`?FT-\\d{4}`?")) {
                String[] trimmed = new String[cells.length - 1];
                for (int i = 1; i < cells.length; i++) {
                    trimmed[i - 1] = cells[i].trim().replace("`", "");
                }
                rows.put(trimmed[0], trimmed);
            }
        }
        return rows;
    }

    @Test
    void everyCodeIsDocumentedWithItsStatusAndLevel() throws IOException {
        Map<String, String[]> rows = documentedRows();
        for (FailureCode code : FailureCode.values()) {
            String[] row = rows.get(code.code());
            assertTrue(row != null, code.code() + " " + code + " is missing from docs/error-codes.md");
            assertEquals(code.name(), row[1], "name of " + code.code());
            assertEquals(Integer.toString(code.httpStatus()), row[2], "HTTP status of " + code.code());
            assertEquals(code.eventLevel().name(), row[3], "event level of " + code.code());
        }
    }

    @Test
    void theDocumentListsNoUnknownCode() throws IOException {
        Set<String> known = new HashSet<>();
        for (FailureCode code : FailureCode.values()) {
            assertTrue(known.add(code.code()), "code used twice: " + code.code());
        }
        for (String documented : documentedRows().keySet()) {
            assertTrue(known.contains(documented), documented + " is documented but not in FailureCode");
        }
    }
}
