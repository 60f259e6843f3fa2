package com.facetrust.interfaces.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import org.junit.jupiter.api.Test;

class ApiJsonTest {

    private static JsonStructure json(String text) {
        return Json.createReader(new StringReader(text)).read();
    }

    @Test
    void rowsOfAPagedAnswerAndOfAPlainArray() {
        JsonStructure paged = json("{\"page\":0,\"size\":2,\"total\":7,\"items\":[{\"id\":1},{\"id\":2}]}");
        assertEquals(2, ApiJson.rows(paged).size());
        assertEquals(Optional.of(7L), ApiJson.total(paged));
        assertEquals(1, ApiJson.rows(json("[{\"id\":1}]")).size());
        assertTrue(ApiJson.rows(json("{\"message\":\"x\"}")).isEmpty());
        assertTrue(ApiJson.total(json("[]")).isEmpty());
    }

    @Test
    void fieldsAsDisplayText() {
        JsonObject o = json("{\"a\":\"x\",\"n\":3,\"t\":true,\"z\":null,\"list\":[\"p\",\"q\"],\"o\":{\"k\":1}}")
                .asJsonObject();
        assertEquals("x", ApiJson.text(o, "missing", "a"));
        assertEquals("3", ApiJson.text(o, "n"));
        assertEquals("true", ApiJson.text(o, "t"));
        assertEquals("", ApiJson.text(o, "z"));
        assertEquals("p, q", ApiJson.text(o, "list"));
        assertEquals("k=1", ApiJson.text(o, "o"));
        assertEquals(Optional.of(true), ApiJson.flag(o, "t"));
        assertEquals(Optional.empty(), ApiJson.flag(o, "a"));
    }
}
