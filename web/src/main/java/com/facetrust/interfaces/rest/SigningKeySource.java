package com.facetrust.interfaces.rest;

import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the realm's signing keys (the JWKS at {@code mp.jwt.verify.publickey.location}) can be fetched right now.
 * The MP-JWT mechanism answers "no key for this token" with a bare 500 whether the token's key is foreign (the
 * caller's fault: 401) or Keycloak is down (ours: 503); this tells the two apart. The answer is cached for a few
 * seconds so a flood of forged tokens cannot turn into a flood of requests to Keycloak.
 */
final class SigningKeySource {
    private static final Duration CACHE_FOR = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final AtomicReference<Check> LAST = new AtomicReference<>();

    private record Check(boolean reachable, long atNanos) {
    }

    private SigningKeySource() {
    }

    static boolean reachable() {
        Check last = LAST.get();
        long now = System.nanoTime();
        if (last != null && now - last.atNanos() < CACHE_FOR.toNanos()) {
            return last.reachable();
        }
        boolean reachable = fetch();
        LAST.set(new Check(reachable, now));
        return reachable;
    }

    private static boolean fetch() {
        String location = ConfigProvider.getConfig()
                .getOptionalValue("mp.jwt.verify.publickey.location", String.class).orElse(null);
        if (location == null || !(location.startsWith("http://") || location.startsWith("https://"))) {
            return true; // keys configured in place: nothing to reach, so an unknown key is the token's fault
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpResponse<Void> response = client.send(
                    HttpRequest.newBuilder(URI.create(location)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
