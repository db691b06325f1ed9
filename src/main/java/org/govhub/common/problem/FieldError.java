package org.govhub.common.problem;

/** One field that failed validation: a JSON path such as {@code records[3].applicant.idNumber}. */
public record FieldError(String field, String message) {
}
