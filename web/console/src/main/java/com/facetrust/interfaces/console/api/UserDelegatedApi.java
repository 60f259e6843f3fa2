package com.facetrust.interfaces.console.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.servlet.http.HttpServletRequest;

import org.wildfly.security.http.oidc.OidcPrincipal;
import org.wildfly.security.http.oidc.OidcSecurityContext;
import org.wildfly.security.http.oidc.RefreshableOidcSecurityContext;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * FaceTrust's REST API, called on behalf of the person logged into the console, with their own Keycloak access
 * token. The API and the EJBs behind it therefore see that person and exactly their realm roles: the EJB container's
 * {@code @RolesAllowed} decides what a console user may do, not the console (A-8.5, D-8.1.4b every call authenticates
 * its caller). The token is refreshed through the OIDC session when it is about to expire
 * ({@code token-minimum-time-to-live} in oidc.json); it is never logged and never put into a page.
 */
@RequestScoped
public class UserDelegatedApi {
    private static final Logger LOG = Logger.getLogger(UserDelegatedApi.class.getName());
    /** One client for the whole console: java.net.http clients are thread-safe and pool their connections. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    /** Generous for the audit chain verification, which walks the whole chain. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    ApiEndpoint endpoint;

    @Inject
    HttpServletRequest request;

    /** GET; the answer's JSON. */
    public JsonStructure get(ApiQuery query) {
        return send(builder(query).GET());
    }

    /** POST with a JSON body (an empty object when {@code body} is null); the answer's JSON, or null if empty. */
    public JsonStructure post(ApiQuery query, JsonObject body) {
        String json = body == null ? "{}" : body.toString();
        return send(builder(query).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** DELETE; the answer's JSON, or null if empty. */
    public JsonStructure delete(ApiQuery query) {
        return send(builder(query).DELETE());
    }

    private HttpRequest.Builder builder(ApiQuery query) {
        URI uri = endpoint.base().resolve(query.relative());
        return HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + accessToken());
    }

    private JsonStructure send(HttpRequest.Builder builder) {
        HttpRequest call = builder.build();
        HttpResponse<String> answer;
        try {
            answer = HTTP.send(call, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "FaceTrust API not reachable at {0}: {1}", new Object[] {endpoint.base(), e.toString()});
            throw new ApiFailure(0, "", "The FaceTrust service cannot be reached right now; try again shortly.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiFailure(0, "", "The call to the FaceTrust service was interrupted.");
        }
        JsonStructure body = parse(answer.body());
        if (answer.statusCode() / 100 == 2) {
            return body;
        }
        String code = body instanceof JsonObject o ? ApiJson.text(o, "code") : "";
        String message = body instanceof JsonObject o ? ApiJson.text(o, "message") : "";
        if (answer.statusCode() == 401) {
            message = "Your login was not accepted by the FaceTrust service (it may have expired): log out and in again.";
        } else if (code.isEmpty() && answer.statusCode() == 404) {
            // Not the API's own 404 (which carries FT-3004): the application is not deployed (yet) at that address.
            message = "The FaceTrust service is not available at " + endpoint.base() + " right now.";
        }
        throw new ApiFailure(answer.statusCode(), code, message.isEmpty() ? "The request was not completed." : message);
    }

    private static JsonStructure parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.read();
        } catch (RuntimeException e) {
            return null; // not JSON (e.g. a proxy's page): the status decides
        }
    }

    /**
     * The logged-in person's access token from the elytron-oidc-client session, refreshed first when it would
     * expire within the configured minimum time to live.
     */
    String accessToken() {
        Principal principal = request.getUserPrincipal();
        OidcSecurityContext context = principal instanceof OidcPrincipal<?> oidc ? oidc.getOidcSecurityContext()
                : (OidcSecurityContext) request.getAttribute(OidcSecurityContext.class.getName());
        if (context == null) {
            throw new ApiFailure(401, "FT-3001", "No login session: log in again.");
        }
        if (context instanceof RefreshableOidcSecurityContext refreshable) {
            try {
                refreshable.refreshToken(true); // no-op while the token is active and lives long enough
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Token refresh failed; the current token is used", e);
            }
        }
        return context.getTokenString();
    }
}
