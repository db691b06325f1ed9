package org.govhub.cases;

import java.math.BigDecimal;
import java.util.List;
import org.govhub.catalog.PowerItemCode;

/**
 * What the case library needs to know about an effective catalogue item: its name, the materials it
 * requires and, for penalties, its discretion baseline (裁量基准). {@link ItemCheck} builds it from
 * the catalogue; nothing else in this package reads the catalogue.
 */
public record CaseItem(PowerItemCode code, String name, List<String> requiredMaterials, List<PenaltyRange> discretion) {

    public CaseItem {
        requiredMaterials = requiredMaterials == null ? List.of() : List.copyOf(requiredMaterials);
        discretion = discretion == null ? List.of() : List.copyOf(discretion);
    }

    /** One line of the baseline: a penalty kind and its amount range in yuan (a null bound is open). */
    public record PenaltyRange(String kind, BigDecimal minYuan, BigDecimal maxYuan) {
        boolean admits(BigDecimal amount) {
            return (minYuan == null || amount.compareTo(minYuan) >= 0) && (maxYuan == null || amount.compareTo(maxYuan) <= 0);
        }

        String describe() {
            return kind + " " + (minYuan == null ? "…" : minYuan.toPlainString()) + "–"
                    + (maxYuan == null ? "…" : maxYuan.toPlainString()) + " yuan";
        }
    }
}
