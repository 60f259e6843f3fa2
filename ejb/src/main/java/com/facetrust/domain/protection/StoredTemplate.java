package com.facetrust.domain.protection;

import java.util.Objects;

/** A protected template together with the binding read from the row that holds it (input of key rotation). */
public record StoredTemplate(TemplateBinding binding, ProtectedTemplate template) {
    public StoredTemplate {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(template, "template");
    }
}
