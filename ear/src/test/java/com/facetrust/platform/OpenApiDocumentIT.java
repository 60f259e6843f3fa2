package com.facetrust.platform;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document the server serves (issue 5: "OpenAPI served"): fetched from {@code /openapi} on the server
 * root of the deployed EAR, it names the API, the bearer-JWT security scheme, lists the API's paths, gives every
 * request body at least one example, and no response schema has a score-like property (A-5.7.4 c: decisions, never
 * scores). Runs inside the server (JSON-P is there); the call goes over loopback like any client's.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiDocumentIT {

    /** Any property whose name says it carries a comparison or liveness score. */
    static final Pattern SCORE_LIKE = Pattern.compile(
            "(?i).*(score|similarity|distance|confidence|probability|cosine|likelihood).*");

    /**
     * Paths that were on main when this test was written (WildFly puts the context root into each path); the server
     * scans every JAX-RS resource on its own, so later paths appear and are held to the rules below.
     */
    static final List<String> KNOWN_PATHS = java.util.stream.Stream.of("/me", "/admin/ping", "/operator/ping",
            "/audit/ping", "/verify/ping", "/subjects", "/subjects/{uid}", "/subjects/{uid}/references",
            "/subjects/{uid}/consents", "/consent-notices", "/admin/service-stop", "/liveness/challenges",
            "/liveness/checks", "/verifications", "/identifications", "/id-photo-comparisons", "/decisions/keys",
            "/policy/blocklist", "/policy/blocklist/{id}", "/policy/channels")
            .map(p -> "/facetrust/api/v1" + p).toList();

    private static JsonObject document;

    @Deployment
    static EnterpriseArchive deployment() {
        return DeployedEar.withTestClasses(OpenApiDocumentIT.class);
    }

    /** Fetched once per server run, in the server (an Arquillian @BeforeAll would run on the client side). */
    @BeforeEach
    void fetch() throws Exception {
        if (document != null) {
            return;
        }
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (8080 + offset) + "/openapi?format=JSON"))
                        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        // Kept for a person to read when a rule fails (the document is public, nothing secret in it).
        java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                "facetrust-openapi-" + offset + ".json"), r.body());
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            document = reader.readObject();
        }
    }

    @Test
    void namesTheApiAndItsBearerTokenScheme() {
        JsonObject info = document.getJsonObject("info");
        assertEquals("FaceTrust API", info.getString("title"));
        assertNotNull(info.getString("version"));
        assertTrue(info.getString("description").contains("never scores"), info.getString("description"));
        JsonObject bearer = document.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("bearer");
        assertEquals("http", bearer.getString("type"));
        assertEquals("bearer", bearer.getString("scheme"));
        assertEquals("JWT", bearer.getString("bearerFormat"));
        assertTrue(document.getJsonArray("security").toString().contains("bearer"), "bearer applies by default");
        Set<String> tags = new HashSet<>();
        document.getJsonArray("tags").forEach(t -> tags.add(t.asJsonObject().getString("name")));
        assertTrue(tags.containsAll(Set.of("subjects", "liveness", "recognition")), tags.toString());
    }

    @Test
    void listsTheApiPaths() {
        Set<String> paths = document.getJsonObject("paths").keySet();
        List<String> missing = KNOWN_PATHS.stream().filter(p -> !paths.contains(p)).toList();
        assertTrue(missing.isEmpty(), "missing " + missing + " in " + new TreeSet<>(paths));
    }

    @Test
    void everyRequestBodyHasAnExample() {
        List<String> without = new ArrayList<>();
        forEachOperation((where, op) -> {
            JsonObject body = resolve(op.getJsonObject("requestBody"));
            if (body == null) {
                return;
            }
            JsonObject content = body.getJsonObject("content");
            boolean example = content != null && content.values().stream().map(JsonValue::asJsonObject)
                    .anyMatch(m -> m.containsKey("example") || (m.containsKey("examples")
                            && !m.getJsonObject("examples").isEmpty())
                            || hasSchemaExample(resolve(m.getJsonObject("schema"))));
            if (!example) {
                without.add(where);
            }
        });
        assertTrue(without.isEmpty(), "request bodies without an example: " + without);
    }

    @Test
    void noResponseSchemaHasAScoreLikeProperty() {
        List<String> found = new ArrayList<>();
        forEachOperation((where, op) -> {
            JsonObject responses = op.getJsonObject("responses");
            if (responses == null) {
                return;
            }
            responses.forEach((status, response) -> {
                JsonObject content = resolve(response.asJsonObject()).getJsonObject("content");
                if (content != null) {
                    content.values().forEach(m -> scoreLike(m.asJsonObject().getJsonObject("schema"),
                            where + " " + status, new HashSet<>(), found));
                }
            });
        });
        assertTrue(found.isEmpty(), "score-like response properties: " + found);
    }

    /**
     * The recognition calls share their failure responses as components (components/responses, referred to by
     * {@code $ref}); each still lists 401, 403, 413, 422, 429 and 504, and each reference resolves to a described
     * response with a FailureBody example.
     */
    @Test
    void recognitionCallsListTheirSharedFailureResponses() {
        List<String> problems = new ArrayList<>();
        for (String path : List.of("/verifications", "/identifications", "/id-photo-comparisons")) {
            JsonObject post = document.getJsonObject("paths").getJsonObject("/facetrust/api/v1" + path)
                    .getJsonObject("post");
            JsonObject responses = post.getJsonObject("responses");
            for (String status : List.of("200", "401", "403", "413", "422", "429", "504")) {
                JsonObject response = responses.getJsonObject(status);
                if (response == null) {
                    problems.add("POST " + path + " " + status + " missing");
                    continue;
                }
                JsonObject resolved = resolve(response);
                if (resolved == null || !resolved.containsKey("description")) {
                    problems.add("POST " + path + " " + status + " does not resolve: " + response);
                    continue;
                }
                JsonObject json = resolved.getJsonObject("content") == null ? null
                        : resolved.getJsonObject("content").getJsonObject("application/json");
                if (json == null || json.getJsonObject("examples") == null
                        || json.getJsonObject("examples").isEmpty()) {
                    problems.add("POST " + path + " " + status + " has no JSON example");
                }
            }
            assertEquals("#/components/responses/Unauthenticated",
                    responses.getJsonObject("401").getString("$ref", null), "POST " + path + " 401");
        }
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void theScoreRuleWouldCatchAScore() {
        List<String> found = new ArrayList<>();
        JsonObject schema = Json.createObjectBuilder().add("type", "object").add("properties",
                Json.createObjectBuilder().add("decision", Json.createObjectBuilder().add("type", "string"))
                        .add("matchScore", Json.createObjectBuilder().add("type", "number"))).build();
        scoreLike(schema, "probe", new HashSet<>(), found);
        assertEquals(List.of("probe: matchScore"), found);
    }

    interface OperationVisitor {
        void visit(String where, JsonObject operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, op) -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(method.toLowerCase(Locale.ROOT))) {
                visitor.visit(method.toUpperCase(Locale.ROOT) + " " + path, op.asJsonObject());
            }
        }));
    }

    private static boolean hasSchemaExample(JsonObject schema) {
        return schema != null && (schema.containsKey("example") || schema.containsKey("examples"));
    }

    /** Follows a {@code $ref} into components; null stays null. */
    static JsonObject resolve(JsonObject o) {
        if (o == null || !o.containsKey("$ref")) {
            return o;
        }
        String[] parts = o.getString("$ref").replaceFirst("^#/", "").split("/");
        JsonObject target = document;
        for (String p : parts) {
            target = target.getJsonObject(p);
        }
        return target;
    }

    private static void scoreLike(JsonObject schema, String where, Set<String> seen, List<String> found) {
        if (schema == null) {
            return;
        }
        if (schema.containsKey("$ref")) {
            if (!seen.add(schema.getString("$ref"))) {
                return;
            }
            schema = resolve(schema);
        }
        JsonObject properties = schema.getJsonObject("properties");
        if (properties != null) {
            for (var e : properties.entrySet()) {
                if (SCORE_LIKE.matcher(e.getKey()).matches()) {
                    found.add(where + ": " + e.getKey());
                }
                scoreLike(e.getValue().asJsonObject(), where, seen, found);
            }
        }
        if (schema.get("items") instanceof JsonObject items) {
            scoreLike(items, where, seen, found);
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            if (schema.get(combinator) instanceof JsonArray parts) {
                parts.forEach(p -> scoreLike(p.asJsonObject(), where, seen, found));
            }
        }
        if (schema.get("additionalProperties") instanceof JsonObject additional) {
            scoreLike(additional, where, seen, found);
        }
    }
}
