package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiFailure;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * What every console page does with the outcome of an API call: a success note, or the server's failure code and
 * message (never a stack trace, never an error page), with "refused" set when the server's role check said no.
 */
public abstract class ConsolePage implements Serializable {
    private String notice = "";
    private String failure = "";
    private boolean refused;

    /** Runs one API interaction that changes something; true when it completed. */
    protected boolean perform(Runnable interaction) {
        return fetch(() -> {
            interaction.run();
            return Boolean.TRUE;
        }) != null;
    }

    /** Runs one API interaction and returns its result, or null after recording why it failed. */
    protected <T> T fetch(Supplier<T> interaction) {
        try {
            return interaction.get();
        } catch (ApiFailure e) {
            failure = (e.refused() ? "Refused by the server: " : "") + e.describe();
            refused = e.refused();
        } catch (IllegalArgumentException e) {
            failure = e.getMessage();
        }
        return null;
    }

    protected void noticed(String text) {
        notice = text;
    }

    /** Forgets the previous outcome before the next interaction. */
    protected void clearOutcome() {
        notice = "";
        failure = "";
        refused = false;
    }

    public String getNotice() {
        return notice;
    }

    public String getFailure() {
        return failure;
    }

    /** The server refused the last call because of the person's roles (HTTP 403). */
    public boolean isRefused() {
        return refused;
    }
}
