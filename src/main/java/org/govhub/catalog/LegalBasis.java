package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One legal basis (行使依据): the instrument, its rank, the article and, optionally, the provision's text. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LegalBasis(LegalRank rank, String title, String article, String provision) {
}
