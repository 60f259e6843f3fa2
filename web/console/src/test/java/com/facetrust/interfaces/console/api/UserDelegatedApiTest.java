package com.facetrust.interfaces.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildfly.security.http.oidc.OidcPrincipal;
import org.wildfly.security.http.oidc.OidcSecurityContext;

/**
 * The console's API client against a small local HTTP server standing in for the API: the person's token goes out
 * as the bearer, 2xx answers come back as JSON, and every refusal or fault becomes an {@link ApiFailure} with the
 * API's code and a message for the page — never an exception page.
 */
class UserDelegatedApiTest {
    private static final String TOKEN = "eyJ.the-persons-token.sig";

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private UserDelegatedApi api;

    @BeforeEach
    void serverAndClient() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answer("/facetrust/api/v1/me", 200, "{\"name\":\"operator\",\"ejb\":{\"name\":\"operator\"}}");
        answer("/facetrust/api/v1/me/duties/auditor", 403, "{\"code\":\"FT-3002\",\"message\":\"The caller's roles do not allow this operation.\"}");
        answer("/facetrust/api/v1/expired", 401, "{\"code\":\"FT-3001\",\"message\":\"A valid bearer token is required.\"}");
        answer("/facetrust/api/v1/events/7/acknowledgement", 204, "");
        server.start();
        api = client("http://127.0.0.1:" + server.getAddress().getPort() + "/facetrust/api/v1");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(String path, int status, String body) {
        server.createContext(path, exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        });
    }

    private static UserDelegatedApi client(String base) {
        UserDelegatedApi client = new UserDelegatedApi();
        client.endpoint = new ApiEndpoint(Optional.of(base));
        OidcPrincipal<OidcSecurityContext> principal = new OidcPrincipal<>("operator",
                new OidcSecurityContext(TOKEN, null, null, null));
        client.request = (HttpServletRequest) Proxy.newProxyInstance(UserDelegatedApiTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> "getUserPrincipal".equals(method.getName()) ? principal : null);
        return client;
    }

    @Test
    void callsCarryThePersonsTokenAndAnswersComeBackAsJson() {
        JsonObject me = api.get(ApiQuery.path("me")).asJsonObject();
        assertEquals("operator", me.getJsonObject("ejb").getString("name"));
        assertEquals(List.of("Bearer " + TOKEN), authorizations);
    }

    @Test
    void aRefusalCarriesTheServersCode() {
        ApiFailure refused = assertThrows(ApiFailure.class, () -> api.get(ApiQuery.path("me/duties/%s", "auditor")));
        assertEquals(403, refused.status());
        assertTrue(refused.refused());
        assertEquals("FT-3002: The caller's roles do not allow this operation.", refused.describe());
    }

    @Test
    void aRejectedTokenAsksToLogInAgain() {
        ApiFailure expired = assertThrows(ApiFailure.class, () -> api.get(ApiQuery.path("expired")));
        assertEquals("FT-3001", expired.code());
        assertTrue(expired.getMessage().contains("log out and in again"), expired.getMessage());
    }

    @Test
    void anEmptySuccessIsNoAnswerAndNoFailure() {
        assertNull(api.post(ApiQuery.path("events/%s/acknowledgement", "7"), null));
    }

    @Test
    void aMissingApplicationOrServerIsSaidPlainly() throws IOException {
        ApiFailure missing = assertThrows(ApiFailure.class, () -> api.get(ApiQuery.path("unknown")));
        assertEquals(404, missing.status());
        assertTrue(missing.getMessage().contains("not available"), missing.getMessage());

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        UserDelegatedApi unreachable = client("http://127.0.0.1:" + closedPort + "/facetrust/api/v1");
        ApiFailure down = assertThrows(ApiFailure.class, () -> unreachable.get(ApiQuery.path("me")));
        assertEquals(0, down.status());
        assertTrue(down.getMessage().contains("cannot be reached"), down.getMessage());
    }

    @Test
    void withoutALoginSessionNothingIsSent() {
        UserDelegatedApi anonymous = client("http://127.0.0.1:" + server.getAddress().getPort() + "/facetrust/api/v1");
        anonymous.request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> null);
        ApiFailure failure = assertThrows(ApiFailure.class, () -> anonymous.get(ApiQuery.path("me")));
        assertEquals(401, failure.status());
        assertTrue(authorizations.isEmpty());
    }
}
