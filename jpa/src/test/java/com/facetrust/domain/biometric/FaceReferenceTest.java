package com.facetrust.domain.biometric;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Rules of the biometric-store entity that hold without a database. */
class FaceReferenceTest {
    private static final String PSEUDONYM = "Zq3dL0Yk2x7mP9aB4cV6nW8rT1sU5eGhJkLmNoPqRsT"; // 43 chars, base64url

    private static FaceReference reference(byte[] template) {
        return new FaceReference(FaceReference.newReferenceId(), PSEUDONYM, "bank-app", template, 1, "arcface@1",
                Instant.now());
    }

    @Test
    void refusesAnythingImageSized() {
        assertThrows(IllegalArgumentException.class, () -> reference(new byte[FaceReference.MAX_TEMPLATE_BYTES + 1]));
        assertThrows(IllegalArgumentException.class, () -> reference(new byte[0]));
        reference(new byte[FaceReference.MAX_TEMPLATE_BYTES]);
    }

    @Test
    void keepsItsOwnCopyOfTheTemplate() {
        byte[] template = {1, 2, 3};
        FaceReference reference = reference(template);
        template[0] = 9;
        reference.template()[1] = 9;
        assertArrayEquals(new byte[]{1, 2, 3}, reference.template());
    }

    @Test
    void reissueMovesToANewerKeyOnly() {
        FaceReference reference = reference(new byte[]{1, 2, 3});
        reference.reissue(new byte[]{4, 5, 6, 7}, 2);
        assertEquals(2, reference.keyVersion());
        assertArrayEquals(new byte[]{4, 5, 6, 7}, reference.template());
        assertThrows(IllegalArgumentException.class, () -> reference.reissue(new byte[]{1}, 2));
    }

    @Test
    void identifiersHaveTheirFormats() {
        assertEquals(32, FaceReference.newReferenceId().length());
        assertThrows(IllegalArgumentException.class, () -> new FaceReference("not-hex", PSEUDONYM, "d",
                new byte[]{1}, 1, "m", Instant.now()));
        assertThrows(IllegalArgumentException.class, () -> new FaceReference(FaceReference.newReferenceId(),
                "short", "d", new byte[]{1}, 1, "m", Instant.now()));
        assertThrows(IllegalArgumentException.class, () -> new FaceReference(FaceReference.newReferenceId(),
                PSEUDONYM, "d", new byte[]{1}, 0, "m", Instant.now()));
    }
}
