package org.govhub.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * The catalogue as the rest of the hub uses it: only effective items (approved and not cancelled,
 * split, merged or delegated away). Inject it and call {@link #find(PowerItemCode)}:
 *
 * <pre>{@code
 * Optional<EffectiveItem> item = catalog.find(PowerItemCode.parse("33030300AJ-CF-0003"));
 * item.map(EffectiveItem::promisedTimeLimit);            // e.g. 20 working-days
 * item.map(i -> i.allowsPenalty("fine", amountYuan));    // inside the discretion baseline?
 * }</pre>
 *
 * It joins the caller's transaction or opens a read-only one of its own, so it also works from
 * scheduled jobs and Camel processors. A proposed, rejected or retired code gives {@code Optional.empty()}.
 */
@ApplicationScoped
public class EffectiveCatalog {
    private final CatalogJson json;

    public EffectiveCatalog(CatalogJson json) {
        this.json = json;
    }

    @Transactional
    public Optional<EffectiveItem> find(PowerItemCode code) {
        CatalogItem row = CatalogItem.findById(code.toString());
        if (row == null || row.status != RecordStatus.EFFECTIVE) {
            return Optional.empty();
        }
        return Optional.of(EffectiveItem.of(row, json.read(row.document, PowerItem.class)));
    }
}
