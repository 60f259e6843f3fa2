package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiJson;
import com.facetrust.interfaces.console.api.ApiQuery;
import com.facetrust.interfaces.console.api.UserDelegatedApi;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.util.List;

/**
 * A console page that lists one page at a time of an API collection answered as {@code {items, total}}: the first
 * page on opening, "search" from the first page with the current filter, next and previous. Subclasses say which
 * query the filter makes and how a JSON row becomes a table row.
 */
public abstract class PagedListPage<R> extends ConsolePage {

    @Inject
    UserDelegatedApi api;

    private final Paging paging;
    private List<R> rows = List.of();

    protected PagedListPage(int pageSize) {
        this.paging = new Paging(pageSize);
    }

    /** The collection's query with the current filter, for this page and page size. */
    protected abstract ApiQuery query(int page, int size);

    /** One table row of the answer. */
    protected abstract R row(JsonObject item);

    @PostConstruct
    void firstPage() {
        load();
    }

    /** Applies the filter from the first page on. */
    public void search() {
        clearOutcome();
        paging.first();
        load();
    }

    public void next() {
        clearOutcome();
        paging.next();
        load();
    }

    public void previous() {
        clearOutcome();
        paging.previous();
        load();
    }

    /** Reads the current page again (after a change made from the page). */
    protected void load() {
        JsonStructure answer = fetch(() -> api.get(query(paging.getPage(), paging.getSize())));
        rows = answer == null ? List.of() : ApiJson.rows(answer).stream().map(this::row).toList();
        paging.showed(rows.size(), answer == null ? 0 : ApiJson.total(answer).orElse(-1L));
    }

    public List<R> getRows() {
        return rows;
    }

    public Paging getPaging() {
        return paging;
    }
}
