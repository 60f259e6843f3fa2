/**
 * The audit chain's cryptography as plain Java (A-8.6, D-8.2.5b): the canonical, length-prefixed encoding of an
 * entry that its HMAC covers, and the verifier that walks entries in sequence order and names the first break
 * (edit, deleted row, reordering, truncated tail). Used by the server's writer and verification EJBs and by the
 * {@code facetrust audit-verify} command, which reads the database over JDBC.
 */
package com.facetrust.infrastructure.audit;
