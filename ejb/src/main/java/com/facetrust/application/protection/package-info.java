/**
 * Template protection in the server: the start-up key service that opens the master keystore (generating it on the
 * first start), the template key directory, the protector and the pseudonymiser, and hands them to the lifecycle
 * services. The cryptography itself is plain Java in {@code com.facetrust.infrastructure.crypto}.
 */
package com.facetrust.application.protection;
