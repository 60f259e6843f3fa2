package com.facetrust.application.enrolment;

import com.facetrust.domain.identity.ConsentPurpose;

/**
 * One version of the notice a subject reads before consenting to a purpose (A-7.1a, C-6.1.1, D-8.2.2c): what for,
 * which data, how it is processed, how long it is kept, how to withdraw, and who the controller is.
 *
 * @param storagePeriodDays 0 = kept until withdrawn or another deletion ground applies
 */
public record ConsentNotice(ConsentPurpose purpose, String version, String purposeText, String dataKinds,
                            String processing, int storagePeriodDays, String withdrawal, String controllerContact) {
}
