package com.facetrust.application.enrolment;

import com.facetrust.domain.identity.ConsentPurpose;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every purpose has a complete, versioned notice (A-7.1a, D-8.2.2c). */
class ConsentNoticeCatalogueTest {

    @Test
    void everyPurposeHasACompleteNotice() {
        Map<ConsentPurpose, ConsentNotice> notices = ConsentNoticeCatalogue.load("Controller Ltd, dpo@example.org");
        assertEquals(ConsentPurpose.values().length, notices.size());
        for (ConsentNotice n : notices.values()) {
            assertTrue(n.version().matches("[a-z0-9-]{1,32}"), "fits consent_record.notice_version: " + n.version());
            for (String text : new String[]{n.purposeText(), n.dataKinds(), n.processing(), n.withdrawal()}) {
                assertFalse(text.isBlank(), n.purpose() + " text");
                assertFalse(text.contains("\\"), "continuation lines joined: " + text);
            }
            assertEquals("Controller Ltd, dpo@example.org", n.controllerContact());
            assertTrue(n.storagePeriodDays() >= 0);
        }
        assertTrue(notices.get(ConsentPurpose.FACE_VERIFICATION).dataKinds().contains("never stored"),
                "the face notice says images are not kept (A-7.2a)");
    }
}
