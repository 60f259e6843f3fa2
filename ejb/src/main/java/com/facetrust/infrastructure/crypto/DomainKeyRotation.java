package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.StoredTemplate;
import com.facetrust.domain.protection.TemplateKeyStore;
import com.facetrust.domain.protection.TemplateProtector;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SortedSet;
import java.util.function.Consumer;

/**
 * Renews an application domain (A-7.2b, D-3.6): every template of the domain is re-issued under a new domain key
 * and the old key is destroyed, which revokes every copy of the old templates (a leaked table included).
 *
 * <p>Three steps, so the EJB timer can run them in batches, each batch in its own transaction, and resume after a
 * crash: {@link #begin} creates the new key version (new enrolments use it at once); {@link #reissue} re-issues a
 * batch, skipping templates already at the target version, so re-running a batch is harmless; {@link #finish}
 * destroys the older versions once every re-issued template has been written. {@link #rotate} does all three.
 *
 * <p>Templates that cannot be re-issued are reported, not fatal: a template whose data key (or key version) was
 * destroyed is already unrecoverable and counted as shredded; one failing its integrity check was tampered with and needs re-enrolment (its reference id is listed so
 * the caller can raise the alarm and audit it). Any other failure (key store down) propagates and nothing is
 * destroyed.
 */
public final class DomainKeyRotation {
    private final TemplateKeyStore keys;
    private final TemplateProtector protector;

    /** Progress after each template: counts so far, and the total when the caller knows it (else -1). */
    public record Progress(ApplicationDomain domain, int targetVersion, long processed, long total, long reissued,
                           long alreadyCurrent, long shredded, long integrityFailures) {
    }

    /** Outcome of a rotation or of one batch. */
    public record Report(ApplicationDomain domain, int targetVersion, long processed, long reissued,
                         long alreadyCurrent, long shredded, List<String> integrityFailures,
                         SortedSet<Integer> destroyedVersions) {
    }

    @FunctionalInterface
    public interface ProgressListener {
        void onProgress(Progress progress);
    }

    public DomainKeyRotation(TemplateKeyStore keys, TemplateProtector protector) {
        this.keys = keys;
        this.protector = protector;
    }

    /** Step 1: a new key version becomes current; returns it. */
    public int begin(ApplicationDomain domain) {
        keys.currentDomainKeyVersion(domain); // APPLICATION_DOMAIN_UNKNOWN rather than silently creating a domain
        return keys.createDomainKeyVersion(domain);
    }

    /**
     * Step 2: re-issues templates to {@code targetVersion}; each result goes to {@code sink} (the caller writes it
     * back to its row, same binding).
     */
    public Report reissue(ApplicationDomain domain, int targetVersion, Iterator<StoredTemplate> templates,
                          long expectedTotal, Consumer<StoredTemplate> sink, ProgressListener listener) {
        if (!keys.domainKeyVersions(domain).contains(targetVersion)) {
            throw new FaceTrustException(FailureCode.TEMPLATE_KEY_DESTROYED,
                    "Target key version " + targetVersion + " of domain " + domain + " does not exist");
        }
        long processed = 0;
        long reissued = 0;
        long current = 0;
        long shredded = 0;
        List<String> failures = new ArrayList<>();
        while (templates.hasNext()) {
            StoredTemplate stored = templates.next();
            if (!stored.binding().domain().equals(domain)) {
                throw new IllegalArgumentException("template of domain " + stored.binding().domain()
                        + " given to the rotation of " + domain);
            }
            if (stored.template().domainKeyVersion() == targetVersion) {
                current++;
            } else {
                try {
                    sink.accept(new StoredTemplate(stored.binding(),
                            protector.reissue(stored.template(), stored.binding(), targetVersion)));
                    reissued++;
                } catch (FaceTrustException e) {
                    if (e.failureCode() == FailureCode.TEMPLATE_KEY_DESTROYED) {
                        shredded++; // data key destroyed (subject deleted), or its key version already gone
                    } else if (e.failureCode() == FailureCode.TEMPLATE_INTEGRITY_FAILED) {
                        failures.add(stored.binding().referenceId());
                    } else {
                        throw e;
                    }
                }
            }
            processed++;
            if (listener != null) {
                listener.onProgress(new Progress(domain, targetVersion, processed, expectedTotal, reissued, current,
                        shredded, failures.size()));
            }
        }
        return new Report(domain, targetVersion, processed, reissued, current, shredded, List.copyOf(failures),
                java.util.Collections.emptySortedSet());
    }

    /** Step 3: destroys every version of the domain older than {@code targetVersion}; returns them. */
    public SortedSet<Integer> finish(ApplicationDomain domain, int targetVersion) {
        SortedSet<Integer> older = new java.util.TreeSet<>(keys.domainKeyVersions(domain).headSet(targetVersion));
        for (int version : older) {
            keys.destroyDomainKey(domain, version);
        }
        if (protector instanceof AesGcmTemplateProtector aes) {
            aes.forgetDestroyedTransforms();
        }
        return older;
    }

    /**
     * The target version of an unfinished rotation (several live versions: begun, not finished), if any. A resumed
     * job re-issues to it instead of beginning another one.
     */
    public java.util.OptionalInt pendingTarget(ApplicationDomain domain) {
        SortedSet<Integer> live = keys.domainKeyVersions(domain);
        return live.size() > 1 ? java.util.OptionalInt.of(live.last()) : java.util.OptionalInt.empty();
    }

    /**
     * All three steps over the domain's complete set of templates; finishes an interrupted rotation instead of
     * starting a new one.
     */
    public Report rotate(ApplicationDomain domain, Iterable<StoredTemplate> allTemplates, long expectedTotal,
                         Consumer<StoredTemplate> sink, ProgressListener listener) {
        java.util.OptionalInt pending = pendingTarget(domain);
        int target = pending.isPresent() ? pending.getAsInt() : begin(domain);
        Report batch = reissue(domain, target, allTemplates.iterator(), expectedTotal, sink, listener);
        SortedSet<Integer> destroyed = finish(domain, target);
        return new Report(domain, target, batch.processed(), batch.reissued(), batch.alreadyCurrent(),
                batch.shredded(), batch.integrityFailures(), destroyed);
    }
}
