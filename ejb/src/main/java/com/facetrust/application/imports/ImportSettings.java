package com.facetrust.application.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits of batch import (MicroProfile Config): {@code facetrust.import.max-archive-bytes} [8388608] — the REST layer
 * refuses a larger body before reading it (below Undertow's 10 MiB max-post-size); {@code
 * facetrust.import.max-entries} [1000]; {@code facetrust.import.max-entry-bytes} [5242880];
 * {@code facetrust.import.max-uncompressed-bytes} [67108864] — all entries together, counted while inflating;
 * {@code facetrust.import.max-ratio} [100] — an entry expanding more than this many times is a zip bomb;
 * {@code facetrust.import.max-records} [500].
 */
@ApplicationScoped
public class ImportSettings {

    @Inject
    @ConfigProperty(name = "facetrust.import.max-archive-bytes", defaultValue = "8388608")
    long maxArchiveBytes;

    @Inject
    @ConfigProperty(name = "facetrust.import.max-entries", defaultValue = "1000")
    int maxEntries;

    @Inject
    @ConfigProperty(name = "facetrust.import.max-entry-bytes", defaultValue = "5242880")
    long maxEntryBytes;

    @Inject
    @ConfigProperty(name = "facetrust.import.max-uncompressed-bytes", defaultValue = "67108864")
    long maxUncompressedBytes;

    @Inject
    @ConfigProperty(name = "facetrust.import.max-ratio", defaultValue = "100")
    int maxRatio;

    @Inject
    @ConfigProperty(name = "facetrust.import.max-records", defaultValue = "500")
    int maxRecords;

    public long maxArchiveBytes() { return maxArchiveBytes; }
    public int maxRecords() { return maxRecords; }

    ImportArchive.Limits limits() {
        return new ImportArchive.Limits(maxEntries, maxEntryBytes, maxUncompressedBytes, maxRatio);
    }
}
