package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * One entry of the special-fund management list (财政专项资金管理清单, seed 002): the managing
 * department (subject code), the project, its category, the budget amount in yuan for a budget year,
 * and optionally its purpose and the rules that govern it (管理办法).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpecialFund(String subjectCode, String project, FundCategory category, BigDecimal budgetYuan,
        Integer year, String purpose, List<LegalBasis> basis) {
}
