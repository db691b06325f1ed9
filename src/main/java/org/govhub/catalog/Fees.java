package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Whether the item is charged for and, if so, the standard and its basis (收费及依据标准). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fees(Boolean charged, String standard, String basis) {
}
