/**
 * Signing of recognition decisions (A-5.7.4 a): ES256 key pairs kept in a PKCS12 keystore beside the master
 * keystore, compact JWS (RFC 7515) over the decision's JSON, and the public keys as a JWK Set (RFC 7517) with
 * RFC 7638 thumbprints as key ids, so a calling application can check that a decision came from this server and was
 * not changed on the way. Plain Java (JDK crypto only): the same classes sign in the server and verify in tests.
 */
package com.facetrust.infrastructure.signing;
