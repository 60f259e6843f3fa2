package com.facetrust.application.protection;

import org.eclipse.microprofile.config.Config;

/** A real {@link TemplateProtectionService} opened outside the server (keys in files the config names), for tests. */
public final class OpenedTemplateProtection {
    private OpenedTemplateProtection() {
    }

    public static TemplateProtectionService open(Config config) {
        TemplateProtectionService service = new TemplateProtectionService();
        service.config = config;
        service.open();
        if (!service.isAvailable()) {
            throw new IllegalStateException("the template protection keys did not open");
        }
        return service;
    }
}
