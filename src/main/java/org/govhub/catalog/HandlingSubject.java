package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body that handles an item (办理主体/实施主体) and its nature; an entrusted organisation also
 * names the organ that entrusted it and that organ's nature.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HandlingSubject(String name, SubjectNature nature, EntrustingOrgan entrustingOrgan) {

    /** The organ that entrusted the handling subject (委托组织), with its nature in words. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EntrustingOrgan(String name, String nature) {
    }
}
