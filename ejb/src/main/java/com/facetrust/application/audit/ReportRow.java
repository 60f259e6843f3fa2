package com.facetrust.application.audit;

import java.io.Serializable;

/** One line of an audit report: the group's key (a day, channel, decision, outcome or action) and its count. */
public record ReportRow(String key, long count) implements Serializable {
}
