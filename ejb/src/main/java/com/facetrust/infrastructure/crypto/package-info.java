/**
 * JCA implementations of template protection ({@code com.facetrust.domain.protection}): the keyed orthogonal domain
 * transform, AES-256-GCM template encryption, the file key store of wrapped data and domain keys, the PKCS12 master
 * key provider, the HMAC subject pseudonym, domain key rotation and KEK rotation. Plain Java: used by the EJB services, the
 * command-line tools and the measurement tool alike; no Jakarta imports.
 */
package com.facetrust.infrastructure.crypto;
