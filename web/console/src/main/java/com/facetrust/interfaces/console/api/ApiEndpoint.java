package com.facetrust.interfaces.console.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Optional;

/**
 * Where the REST API is, seen from the console (both run in the same WildFly). Configured with
 * {@code facetrust.console.api-url} (MicroProfile Config); by default the server's own plain-HTTP listener, which is
 * always bound to loopback ({@code facetrust.http.bind.address}, default 127.0.0.1, port 8080 + the server's port
 * offset), so the person's token never leaves the machine on this hop.
 */
@ApplicationScoped
public class ApiEndpoint {
    static final String API_PATH = "/facetrust/api/v1";

    private final URI base;

    @Inject
    public ApiEndpoint(@ConfigProperty(name = "facetrust.console.api-url") Optional<String> configured) {
        this.base = URI.create(withSlash(configured.filter(url -> !url.isBlank()).orElseGet(ApiEndpoint::sameServer)));
    }

    /** For CDI's proxy only. */
    protected ApiEndpoint() {
        this.base = null;
    }

    static String sameServer() {
        String host = System.getProperty("facetrust.http.bind.address", "127.0.0.1");
        int port = 8080 + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + API_PATH;
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    /** The API's base URI, ending in a slash. */
    public URI base() {
        return base;
    }
}
