package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One application material (申报资料); {@code required} defaults to true. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Material(String name, Boolean required, Integer copies, String note, Attachment form) {

    public boolean isRequired() {
        return required == null || required;
    }
}
