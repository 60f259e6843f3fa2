package com.facetrust.application.deletion;

/** Why a subject's deletion was scheduled (A-7.3 a–e, A-5.6.2); stored on the tombstone for the audit trail. */
public enum DeletionGround {
    /** The subject withdrew a consent the data depends on (A-7.3a, D-8.2.5g). */
    CONSENT_WITHDRAWN,
    /** The consented storage period ended (A-7.3b). */
    STORAGE_PERIOD_ENDED,
    /** The purpose the data was collected for is met; an operator closed the subject (A-7.3c). */
    PURPOSE_MET,
    /** Deregistration requested. */
    DEREGISTERED,
    /** The service is stopped for this subject population (admin command, A-7.3d). */
    SERVICE_STOPPED,
    /** One year (configurable) without use (A-7.3e). */
    INACTIVITY
}
