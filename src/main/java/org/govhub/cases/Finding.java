package org.govhub.cases;

/** One process control a case version breaks: the rule, the field of the record it concerns, and why. */
public record Finding(FindingRule rule, String field, String detail) {
}
