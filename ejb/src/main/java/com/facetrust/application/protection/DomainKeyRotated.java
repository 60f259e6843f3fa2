package com.facetrust.application.protection;

import com.facetrust.domain.protection.ApplicationDomain;

import java.util.SortedSet;

/**
 * CDI event: every template of {@code domain} has been re-issued under {@code newVersion} and that re-issue is
 * committed; the versions in {@code retiringVersions} are destroyed right after the observers return (so a gallery
 * reloading the domain in its observer never has to transform a probe with a destroyed key). Fired synchronously
 * by {@link DomainKeyRenewal} outside any transaction, once per rotation run.
 *
 * @param reissued templates re-issued by this run (others were current already, shredded, or failed integrity)
 */
public record DomainKeyRotated(ApplicationDomain domain, int newVersion, SortedSet<Integer> retiringVersions,
                               long reissued) {
    public DomainKeyRotated {
        retiringVersions = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(retiringVersions));
    }
}
