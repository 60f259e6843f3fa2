package com.facetrust.interfaces.console.pages;

import java.io.Serializable;

/** Which page of a filtered list is shown (0-based), how many rows a page holds, and how many rows match. */
public class Paging implements Serializable {
    private final int size;
    private int page;
    private long total = -1;
    private int shown;

    public Paging(int size) {
        this.size = size;
    }

    public int getPage() {
        return page;
    }

    public int getSize() {
        return size;
    }

    /** Rows matching the filter, or -1 when the server did not say. */
    public long getTotal() {
        return total;
    }

    void showed(int rows, long total) {
        this.shown = rows;
        this.total = total;
    }

    void first() {
        page = 0;
    }

    void next() {
        if (isNextAvailable()) {
            page++;
        }
    }

    void previous() {
        if (page > 0) {
            page--;
        }
    }

    public boolean isPreviousAvailable() {
        return page > 0;
    }

    /** With a total, whether rows lie beyond this page; without one, whether this page came back full. */
    public boolean isNextAvailable() {
        return total >= 0 ? (long) (page + 1) * size < total : shown == size;
    }

    /** "rows 21–40 of 57" for the page footer. */
    public String getDescription() {
        if (shown == 0) {
            return total > 0 ? "no rows on this page (" + total + " in all)" : "no rows";
        }
        long from = (long) page * size + 1;
        long to = from + shown - 1;
        return "rows " + from + "–" + to + (total >= 0 ? " of " + total : "");
    }
}
