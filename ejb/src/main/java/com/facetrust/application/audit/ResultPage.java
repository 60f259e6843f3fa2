package com.facetrust.application.audit;

import java.io.Serializable;
import java.util.List;

/** One page of a filtered listing with the total count of matches, for paging in the API and the console. */
public record ResultPage<T>(List<T> items, long total, int page, int size) implements Serializable {
    public ResultPage {
        items = List.copyOf(items);
    }
}
