package com.facetrust.interfaces.console.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonStructure;

import org.junit.jupiter.api.Test;

/** The pieces of the pages that do not need a server: paging arithmetic, day filters, report shapes. */
class PagesTest {

    private static JsonStructure json(String text) {
        return Json.createReader(new StringReader(text)).read();
    }

    @Test
    void pagingWithAndWithoutATotal() {
        Paging paging = new Paging(20);
        paging.showed(20, 45);
        assertTrue(paging.isNextAvailable());
        assertFalse(paging.isPreviousAvailable());
        assertEquals("rows 1–20 of 45", paging.getDescription());
        paging.next();
        paging.next();
        paging.showed(5, 45);
        assertFalse(paging.isNextAvailable());
        assertEquals("rows 41–45 of 45", paging.getDescription());
        paging.next();
        assertEquals(2, paging.getPage(), "never beyond the last page");

        Paging unknown = new Paging(20);
        unknown.showed(20, -1);
        assertTrue(unknown.isNextAvailable(), "a full page may have a successor");
        unknown.showed(3, -1);
        assertFalse(unknown.isNextAvailable());
    }

    @Test
    void dayFiltersCoverWholeDaysInUtc() {
        assertEquals("2026-11-22T00:00:00Z", FilterDates.startOf("from", "2026-11-22"));
        assertEquals("2026-11-22T23:59:59.999Z", FilterDates.endOf("to", "2026-11-22"));
        assertNull(FilterDates.startOf("from", " "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FilterDates.endOf("to", "22.11.2026"));
        assertTrue(e.getMessage().contains("\"to\""));
    }

    @Test
    void reportsAsRowsOrAsAMapOfCounts() {
        List<ReportRow> rows = ReportRow.from(json("{\"groupBy\":\"channel\",\"rows\":[{\"key\":\"kiosk\",\"count\":4}]}"));
        assertEquals(List.of(new ReportRow("kiosk", "4")), rows);
        List<ReportRow> map = ReportRow.from(json("{\"counts\":{\"MATCH\":3,\"NO_MATCH\":1}}"));
        assertEquals(List.of(new ReportRow("MATCH", "3"), new ReportRow("NO_MATCH", "1")), map);
    }
}
