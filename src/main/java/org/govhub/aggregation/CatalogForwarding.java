package org.govhub.aggregation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.govhub.cases.CaseOrigin;
import org.govhub.catalog.CatalogChange;
import org.govhub.catalog.CatalogChangeEntry;
import org.govhub.catalog.CatalogChangeListener;
import org.govhub.catalog.CatalogListEntry;
import org.govhub.catalog.EntryRole;
import org.govhub.catalog.RecordKind;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;

/**
 * Every catalogue change that takes effect here (power items, responsibility-list and
 * special-fund-list entries; a local approval, or a change forwarded from below) gets its outbox row in the same transaction, when this node has an upstream: the change as
 * {@code POST /api/v1/items/forwarded-changes} takes it, with the review record of the node that
 * approved it and the path so far.
 */
@ApplicationScoped
public class CatalogForwarding implements CatalogChangeListener {
    private final UpstreamLink upstream;
    private final ObjectMapper json;
    private final HubClock clock;
    private final HubConfig config;

    public CatalogForwarding(UpstreamLink upstream, ObjectMapper json, HubClock clock, HubConfig config) {
        this.upstream = upstream;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public void effective(CatalogChange change, List<CatalogChangeEntry> entries) {
        if (!upstream.configured()) {
            return;
        }
        try {
            ObjectNode body = json.createObjectNode();
            String key = change.originKey != null ? change.originKey : config.nodeId() + "/" + change.id;
            body.put("change", key);
            body.put("kind", change.kind.wireName());
            body.put("reason", change.reason);
            body.put("record", change.record.wireName());
            if (change.record == RecordKind.ITEM) {
                ArrayNode sources = body.putArray("sources");
                ArrayNode items = body.putArray("items");
                for (CatalogChangeEntry entry : entries) {
                    if (entry.role == EntryRole.SOURCE) {
                        sources.add(entry.recordKey);
                    } else {
                        items.add(json.readTree(entry.document));
                    }
                }
            } else {
                // a list change touches one entry; its id is local, so it goes up by the name it has where it was added
                for (CatalogChangeEntry entry : entries) {
                    CatalogListEntry listed = CatalogListEntry.findById(Long.valueOf(entry.recordKey));
                    body.put("entryKey", listed.originEntry != null ? listed.originEntry : config.nodeId() + "/" + listed.id);
                    if (entry.role == EntryRole.TARGET) {
                        body.set("entry", json.readTree(entry.document));
                    }
                }
            }
            if (change.originJson != null) {
                JsonNode origin = json.readTree(change.originJson);
                body.set("review", origin.path("review"));
                ObjectNode path = json.createObjectNode();
                path.set("path", origin.path("path"));
                body.set("origin", path);
            } else {
                ObjectNode review = body.putObject("review");
                review.put("submittedBy", change.submittedBy);
                review.put("submittedAt", change.submittedAt.toString());
                review.put("reviewedBy", change.reviewedBy);
                review.put("reviewedAt", change.reviewedAt.toString());
                if (change.reviewNote != null) {
                    review.put("note", change.reviewNote);
                }
                body.set("origin", json.readTree(CaseOrigin.arrivedAt(List.of(), config, change.reviewedAt, change.reviewedBy).json()));
            }
            OutboxEntry row = new OutboxEntry();
            row.kind = OutboxEntry.CATALOG;
            row.ref = key;
            row.payload = json.writeValueAsString(body);
            row.createdAt = clock.instant();
            row.attempts = 0;
            row.persist();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("catalogue change #" + change.id + " does not serialise", e);
        }
    }
}
