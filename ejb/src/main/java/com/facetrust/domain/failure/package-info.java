/**
 * The failure table of requirement A-5.7.5.2: codes, their HTTP statuses and event levels, and the exception that
 * carries them from any layer to the REST boundary.
 */
package com.facetrust.domain.failure;
