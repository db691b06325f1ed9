package org.govhub.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An approved, not cancelled power item as other capabilities (the case library) see it: what a
 * case is checked against. Time limits say their unit; {@code discretionBaseline} is empty except
 * for penalty (CF) items.
 */
public record EffectiveItem(
        PowerItemCode code,
        String name,
        String subjectCode,
        String department,
        PowerItemType type,
        String handlingSubject,
        String handlingDepartment,
        int version,
        Instant effectiveFrom,
        TimeLimit promisedTimeLimit,
        TimeLimit statutoryTimeLimit,
        List<String> requiredMaterialNames,
        List<String> penaltyKinds,
        List<DiscretionRule> discretionBaseline) {

    static EffectiveItem of(CatalogItem row, PowerItem item) {
        return new EffectiveItem(item.code(), item.name(), row.subjectCode, row.department, row.type,
                item.subject() == null ? null : item.subject().name(), item.handlingDepartment(), row.version,
                row.effectiveFrom, item.promisedTimeLimit(), item.statutoryTimeLimit(), item.requiredMaterialNames(),
                item.penaltyKinds() == null ? List.of() : List.copyOf(item.penaltyKinds()),
                item.discretionBaseline() == null ? List.of() : List.copyOf(item.discretionBaseline()));
    }

    /**
     * Whether the discretion baseline allows this penalty: the kind has a rule and, when an amount is
     * given, some rule of that kind admits it. Non-penalty items allow no penalty.
     */
    public boolean allowsPenalty(String penaltyKind, BigDecimal amountYuan) {
        List<DiscretionRule> rules = discretionBaseline.stream().filter(r -> r.penaltyKind().equals(penaltyKind)).toList();
        if (rules.isEmpty()) {
            return false;
        }
        return amountYuan == null || rules.stream().anyMatch(r -> r.admits(amountYuan));
    }
}
