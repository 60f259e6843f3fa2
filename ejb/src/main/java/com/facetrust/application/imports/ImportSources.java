package com.facetrust.application.imports;

import com.facetrust.application.audit.Audited;
import com.facetrust.application.enrolment.SubjectRegistry;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.imports.ImportSource;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The registry of allowed import sources (A-5.6.3, D-6.2e), kept by system administrators: name, public key that
 * signs the source's manifests, data kinds it may deliver. Sources are never edited: to change a key, remove the
 * source and register it again (both in the audit trail).
 */
@Stateless
@RolesAllowed(FaceTrustRoles.SYSADMIN)
public class ImportSources {
    private static final Logger LOG = Logger.getLogger(ImportSources.class.getName());

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @Inject
    Clock clock;

    @Resource
    SessionContext context;

    @Audited(action = "IMPORT_SOURCE_REGISTER")
    public ImportSourceView register(String name, String publicKey, List<String> dataKinds) {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new FaceTrustException(FailureCode.IMPORT_SOURCE_INVALID, "name: 1..32 of a-z, 0-9, '-'");
        }
        EnumSet<ImportSource.DataKind> kinds = EnumSet.noneOf(ImportSource.DataKind.class);
        for (String kind : dataKinds == null ? List.<String>of() : dataKinds) {
            try {
                kinds.add(ImportSource.DataKind.valueOf(kind));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new FaceTrustException(FailureCode.IMPORT_SOURCE_INVALID, "unknown data kind " + kind
                        + " (PERSONAL_DATA, FACE_IMAGES)");
            }
        }
        SourceKeys.ParsedKey key = SourceKeys.parse(publicKey);
        if (find(name).isPresent()) {
            throw new FaceTrustException(FailureCode.IMPORT_SOURCE_DUPLICATE, "source " + name + " exists");
        }
        ImportSource source = new ImportSource(name, key.algorithm(), key.der(), kinds, clock.instant(),
                SubjectRegistry.actor(context));
        identity.persist(source);
        identity.flush();
        LOG.info(() -> "Import source " + name + " registered (" + key.algorithm() + ", " + kinds + ")");
        return ImportSourceView.of(source);
    }

    @RolesAllowed({FaceTrustRoles.SYSADMIN, FaceTrustRoles.OPERATOR, FaceTrustRoles.AUDITOR})
    public List<ImportSourceView> list() {
        return identity.createQuery("select s from ImportSource s order by s.name", ImportSource.class)
                .getResultList().stream().map(ImportSourceView::of).toList();
    }

    @Audited(action = "IMPORT_SOURCE_REMOVE")
    public void remove(String name) {
        ImportSource source = find(name).orElseThrow(() -> new FaceTrustException(FailureCode.NOT_FOUND,
                "no import source " + name));
        identity.remove(source);
        identity.flush();
    }

    Optional<ImportSource> find(String name) {
        return identity.createQuery("select s from ImportSource s where s.name = :n", ImportSource.class)
                .setParameter("n", name).getResultList().stream().findFirst();
    }
}
