package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One application material (申报资料); {@code required} defaults to true. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Material(String name, Boolean required, Integer copies, String note, Attachment form) {

    /** Whether the applicant must submit it (not named {@code isRequired}, which JSON would read as a property). */
    public boolean mandatory() {
        return required == null || required;
    }
}
