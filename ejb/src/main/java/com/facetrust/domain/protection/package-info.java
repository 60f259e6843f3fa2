/**
 * Template protection (ISO/IEC 24745; requirements A-7.2b, C-6.1.3, D-3.6, A-7.4b, D-8.2.4e): the value objects and
 * the interfaces the rest of FaceTrust uses to turn a face embedding into a protected, renewable, unlinkable
 * reference, and the key interfaces behind it. Plain Java (no Jakarta), so the engine, the command-line tools and
 * the EJB services share one implementation ({@code com.facetrust.infrastructure.crypto}).
 *
 * <p>Two layers: a keyed cancellable transform per {@link com.facetrust.domain.protection.ApplicationDomain}
 * (renewable, unlinkable across domains, comparison-preserving), then authenticated encryption under a per-subject
 * data key whose associated data binds the template to its pseudonym, reference id, domain and key version.
 */
package com.facetrust.domain.protection;
