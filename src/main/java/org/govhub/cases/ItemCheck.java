package org.govhub.cases;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.govhub.catalog.PowerItemCode;

/**
 * The case library's one link to the power-item catalogue (权力事项库): a case may only be stored
 * for an item that is effective (approved and not cancelled) when it arrives.
 *
 * <p>PENDING INTEGRATION: the catalogue (issue 3) has not been merged into this branch yet, so this
 * node has no effective items and every record is rejected with an itemCode error. When it lands,
 * this class reads {@code org.govhub.catalog.EffectiveCatalog} and nothing else changes.
 */
@ApplicationScoped
public class ItemCheck {

    /** The effective item with this code, or empty when it is unknown, not yet effective, or cancelled. */
    public Optional<CaseItem> effective(PowerItemCode code) {
        return Optional.empty();
    }
}
