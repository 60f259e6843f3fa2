package com.facetrust.application.enrolment;

import com.facetrust.domain.identity.SubjectStatus;
import com.facetrust.domain.identity.SubjectStatusChange;

import java.time.Instant;

/** One entry of a subject's status history as operators see it (issue 4): from, to, when, ground, by whom. */
public record StatusChangeView(SubjectStatus from, SubjectStatus to, Instant at, String ground, String by) {

    static StatusChangeView of(SubjectStatusChange c) {
        return new StatusChangeView(c.fromStatus(), c.toStatus(), c.changedAt(), c.ground(), c.changedBy());
    }
}
