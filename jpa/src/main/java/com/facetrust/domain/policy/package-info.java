/**
 * Recognition policy state in the identity store (identity V7): persistent attempt counters per operation and scope
 * (A-5.7.5.1 e, D-8.2.5 d), the devices each subject verified successfully from (hashed; risk signal, D-8.1.4 c/d)
 * and the sysadmin's blocklist of addresses, devices and time windows (D-6.6 e). Subjects, devices and addresses
 * appear here only as SHA-256 keys, never in clear.
 */
package com.facetrust.domain.policy;
