package org.govhub.cases;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.govhub.catalog.DiscretionRule;
import org.govhub.catalog.EffectiveCatalog;
import org.govhub.catalog.EffectiveItem;
import org.govhub.catalog.PowerItemCode;

/**
 * The case library's one link to the power-item catalogue (权力事项库): a case may only be stored
 * for an item that is effective (approved, not cancelled or retired) when it arrives, and the
 * process controls compare it with that item's required materials and discretion baseline.
 * Nothing else in this package reads the catalogue.
 */
@ApplicationScoped
public class ItemCheck {
    private final EffectiveCatalog catalog;

    public ItemCheck(EffectiveCatalog catalog) {
        this.catalog = catalog;
    }

    /** The effective item with this code, or empty when it is unknown, not yet effective, or retired. */
    public Optional<CaseItem> effective(PowerItemCode code) {
        return catalog.find(code).map(ItemCheck::caseItem);
    }

    private static CaseItem caseItem(EffectiveItem item) {
        return new CaseItem(item.code(), item.name(), item.requiredMaterialNames(),
                item.discretionBaseline().stream().map(ItemCheck::range).toList());
    }

    private static CaseItem.PenaltyRange range(DiscretionRule rule) {
        return new CaseItem.PenaltyRange(rule.penaltyKind(), rule.minYuan(), rule.maxYuan());
    }
}
