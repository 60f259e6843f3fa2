package com.facetrust.application.enrolment;

import com.facetrust.domain.identity.ConsentPurpose;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The current consent notice of each purpose, from {@code consent-notices.properties} next to this class (versioned
 * in git; a changed text gets a new version). Only the current version is accepted for new consents: a client that
 * showed an older text must show the current one and ask again (FT-4007).
 *
 * <p>Configuration: {@code facetrust.consent.controller-contact} — the data controller named in every notice
 * (default: a placeholder telling the operator to set it).
 */
@ApplicationScoped
public class ConsentNoticeCatalogue {
    static final String RESOURCE = "consent-notices.properties";

    @Inject
    @ConfigProperty(name = "facetrust.consent.controller-contact",
            defaultValue = "The operator of this FaceTrust installation (set facetrust.consent.controller-contact)")
    String controllerContact;

    private Map<ConsentPurpose, ConsentNotice> notices;

    @PostConstruct
    void load() {
        notices = load(controllerContact);
    }

    static Map<ConsentPurpose, ConsentNotice> load(String controllerContact) {
        Properties p = new Properties();
        try (InputStream in = ConsentNoticeCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the deployment");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<ConsentPurpose, ConsentNotice> result = new EnumMap<>(ConsentPurpose.class);
        for (ConsentPurpose purpose : ConsentPurpose.values()) {
            String k = purpose.name() + ".";
            result.put(purpose, new ConsentNotice(purpose, required(p, k + "version"), required(p, k + "purpose"),
                    required(p, k + "data-kinds"), required(p, k + "processing"),
                    Integer.parseInt(required(p, k + "storage-period-days")), required(p, k + "withdrawal"),
                    controllerContact));
        }
        return result;
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(RESOURCE + " lacks " + key);
        }
        return v.strip();
    }

    public ConsentNotice current(ConsentPurpose purpose) {
        return notices.get(purpose);
    }

    public List<ConsentNotice> all() {
        return new ArrayList<>(notices.values());
    }
}
