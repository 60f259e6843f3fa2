/**
 * REST resources of the subject lifecycle (issue 4): consent notices, subjects and their consents, face references
 * (enrolment from raw, base64-JSON or multipart images read under a size limit into memory only), deregistration.
 * Errors are {@code FaceTrustException}s mapped to coded JSON by the API's exception mappers.
 */
package com.facetrust.interfaces.rest.subjects;
