/**
 * The recognition policy (issue 5 "Policy"): {@link com.facetrust.application.policy.ConfiguredRecognitionPolicy}
 * implements {@link com.facetrust.domain.recognition.RecognitionPolicy} — configured channels mapping a target FAR to
 * the calibrated threshold (A-4 f, D-6.3 e), persistent attempt limits per operation and scope (A-5.7.5.1 e,
 * D-8.2.5 d), risk-based step-up (D-8.1.4 c/d) and the sysadmin's blocklist (D-6.6 e). The arithmetic
 * ({@link com.facetrust.application.policy.AttemptLimits}, {@link com.facetrust.application.policy.AddressRange},
 * {@link com.facetrust.application.policy.DailyWindow}, {@link com.facetrust.application.policy.ChannelCatalogue})
 * is plain Java and unit tested; the EJBs wire it to configuration and the identity store.
 */
package com.facetrust.application.policy;
