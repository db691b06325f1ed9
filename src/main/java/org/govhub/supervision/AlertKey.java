package org.govhub.supervision;

import java.util.Objects;
import org.govhub.common.InvalidValueException;

/**
 * What an alert is about: a subject type ({@code case}, {@code ferry-bundle}, {@code ferry-lane},
 * {@code report-source} …) and the subject's identifier. Together with the rule and the level it
 * identifies the alert: there is at most one per key, rule and level, however often it is raised.
 * A caller that wants a fresh alert for a new occurrence (a source silent again after it reported)
 * puts the occurrence into the identifier.
 */
public record AlertKey(String subjectType, String subjectId) {

    public static final String CASE = "case";

    public AlertKey {
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectId, "subjectId");
        if (!subjectType.matches("[a-z][a-z0-9-]{1,39}")) {
            throw new InvalidValueException("subjectType", "subject type " + subjectType
                    + " must be 2 to 40 lower-case letters, digits or hyphens, starting with a letter");
        }
        if (subjectId.isBlank() || subjectId.length() > 200 || subjectId.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("subjectId", "subject id must be 1 to 200 characters without control characters");
        }
    }

    public static AlertKey of(String subjectType, String subjectId) {
        return new AlertKey(subjectType, subjectId);
    }

    /** A case, by its case serial number (办件流水号). */
    public static AlertKey ofCase(String caseNo) {
        return new AlertKey(CASE, caseNo);
    }

    public boolean isCase() {
        return CASE.equals(subjectType);
    }
}
