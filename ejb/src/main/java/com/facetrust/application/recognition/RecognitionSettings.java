package com.facetrust.application.recognition;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Configuration of the recognition service (MicroProfile Config, defaults in brackets):
 * {@code facetrust.recognition.database-retries} [2] — a database fault is retried this many times before FT-9003;
 * {@code facetrust.recognition.timeout} [PT5S] — bound on the face-engine work of one request (probe and ID photo
 * analysis, comparison) → FT-9002 (A-6.7 asks ≤ 1 s, D-7.2 ≤ 2 s end to end; the bound catches a stuck engine);
 * {@code facetrust.recognition.max-request-bytes} [8388608] — refused with FT-3005 before the body is read (below
 * Undertow's max-post-size of 10 MiB); {@code facetrust.recognition.max-frames} [90] — frames of one request (a
 * 3 s challenge at 30 fps); {@code facetrust.recognition.issuer} [facetrust] — the {@code iss} of signed decisions;
 * {@code facetrust.recognition.signing-keystore.path} [{@code decision-signing.p12} beside the master keystore].
 */
@ApplicationScoped
public class RecognitionSettings {

    @Inject
    @ConfigProperty(name = "facetrust.recognition.database-retries", defaultValue = "2")
    int databaseRetries;

    @Inject
    @ConfigProperty(name = "facetrust.recognition.timeout", defaultValue = "PT5S")
    String timeout;

    @Inject
    @ConfigProperty(name = "facetrust.recognition.max-request-bytes", defaultValue = "8388608")
    long maxRequestBytes;

    @Inject
    @ConfigProperty(name = "facetrust.recognition.max-frames", defaultValue = "90")
    int maxFrames;

    @Inject
    @ConfigProperty(name = "facetrust.recognition.issuer", defaultValue = "facetrust")
    String issuer;

    public int databaseRetries() {
        return Math.max(0, databaseRetries);
    }

    public Duration timeout() {
        return Duration.parse(timeout);
    }

    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    public int maxFrames() {
        return maxFrames;
    }

    public String issuer() {
        return issuer;
    }
}
