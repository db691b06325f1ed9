package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * One line of a penalty item's discretion baseline (自由裁量基准): a penalty kind (a
 * {@link PenaltyKind} wire name) the item allows and, for fines and confiscation, the range of the
 * amount in yuan. A kind without amounts is allowed as such (e.g. {@code warning}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiscretionRule(String penaltyKind, BigDecimal minYuan, BigDecimal maxYuan) {

    /** True when the amount lies inside this rule's range (a missing bound does not limit). */
    public boolean admits(BigDecimal amountYuan) {
        return amountYuan != null
                && (minYuan == null || amountYuan.compareTo(minYuan) >= 0)
                && (maxYuan == null || amountYuan.compareTo(maxYuan) <= 0);
    }
}
