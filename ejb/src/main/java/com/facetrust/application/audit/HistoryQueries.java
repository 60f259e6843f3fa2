package com.facetrust.application.audit;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.time.Instant;
import java.util.List;

/** Checks shared by the history and event listings: bad filters are the caller's fault (FT-3003, 400). */
final class HistoryQueries {
    private HistoryQueries() {
    }

    static void checkPaging(int page, int size, int maxSize) {
        if (page < 0 || size < 1 || size > maxSize) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "page must be >= 0 and size 1.." + maxSize,
                    List.of("page", "size<=" + maxSize));
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "page out of range", List.of("page"));
        }
    }

    static void checkRange(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "from must be before to", List.of("from", "to"));
        }
    }
}
