/**
 * Template protection in the server: the start-up key service that opens the master keystore (generating it on the
 * first start), the template key directory, the protector and the pseudonymiser, and hands them to the lifecycle
 * services; and the key rotations as audited sysadmin operations with progress: the domain key
 * ({@code DomainKeyRenewal}, A-7.2b) and the key-encryption key ({@code KekRenewal}, D-8.2.5g). The cryptography
 * itself is plain Java in {@code com.facetrust.infrastructure.crypto}.
 */
package com.facetrust.application.protection;
