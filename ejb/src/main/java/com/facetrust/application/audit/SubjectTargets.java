package com.facetrust.application.audit;

import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.domain.identity.SubjectUid;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the audit log and events store as the target of an operation on a subject: the keyed pseudonym of the UID
 * (the same value the biometric store uses), never the UID in clear (A-8.6 with B-5.4.2). When the keys are not
 * available the UID is masked instead (first four digits), and a malformed UID is never echoed.
 */
@ApplicationScoped
public class SubjectTargets {
    static final String MALFORMED = "uid:malformed";

    @EJB
    TemplateProtectionService keys;

    public String of(String uid) {
        if (uid == null) {
            return null;
        }
        if (!SubjectUid.isWellFormed(uid)) {
            return MALFORMED;
        }
        if (keys.isAvailable()) {
            return keys.pseudonymizer().pseudonym(uid);
        }
        return masked(uid);
    }

    static String masked(String uid) {
        return "uid:" + uid.substring(0, 4) + "*".repeat(uid.length() - 4);
    }
}
