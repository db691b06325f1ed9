package org.govhub.catalog;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.govhub.access.Caller;
import org.govhub.access.Role;
import org.govhub.common.problem.ProblemException;

/**
 * Reading the catalogue. Effective items (and retired ones, by code) are public; proposed, rejected
 * and reserved codes, pending changes and rejected proposals are shown only to catalog editors and
 * reviewers whose region prefix covers the item's subject; to anyone else they do not exist (404).
 */
@ApplicationScoped
public class PublishedCatalog {
    private static final Set<ChangeKind> LINEAGE = EnumSet.of(ChangeKind.SPLIT, ChangeKind.MERGE, ChangeKind.DELEGATE);

    private final CatalogJson json;

    public PublishedCatalog(CatalogJson json) {
        this.json = json;
    }

    /** Effective items by region prefix, department, type and name text, in code order. */
    public CatalogPage<ItemSummary> search(CatalogQuery query, PowerItemType type) {
        StringBuilder where = new StringBuilder("status = :status");
        Parameters parameters = Parameters.with("status", RecordStatus.EFFECTIVE);
        if (query.region() != null) {
            where.append(" and regionDigits like :region");
            parameters.and("region", query.region() + "%");
        }
        if (query.department() != null) {
            where.append(" and department = :department");
            parameters.and("department", query.department());
        }
        if (type != null) {
            where.append(" and type = :type");
            parameters.and("type", type);
        }
        if (query.text() != null) {
            where.append(" and lower(name) like :text escape '!'");
            parameters.and("text", query.likePattern());
        }
        PanacheQuery<CatalogItem> found = CatalogItem.<CatalogItem>find(where + " order by code", parameters)
                .page(Page.of(query.page() - 1, query.size()));
        List<ItemSummary> summaries = found.list().stream().map(item -> {
            PowerItem document = json.read(item.document, PowerItem.class);
            return new ItemSummary(item.code, item.name, item.type, item.type.chineseName(), item.subjectCode, item.department,
                    document.subject() == null ? null : document.subject().name(), item.version, item.effectiveFrom);
        }).toList();
        return new CatalogPage<>(query.page(), query.size(), found.count(), summaries);
    }

    public ItemView item(Optional<Caller> caller, PowerItemCode code) {
        CatalogItem item = visible(caller, code);
        boolean insider = insider(caller, item.subjectCode);
        List<ItemHistory.Event> approved = events(item.code, true);
        List<ItemView.Lineage> predecessors = new ArrayList<>();
        List<ItemView.Lineage> successors = new ArrayList<>();
        for (ItemHistory.Event event : approved) {
            if (LINEAGE.contains(event.kind())) {
                boolean cameFrom = event.role() == EntryRole.TARGET;
                for (String other : cameFrom ? event.sources() : event.targets()) {
                    (cameFrom ? predecessors : successors).add(
                            new ItemView.Lineage(other, event.kind(), event.changeId(), event.reviewedAt()));
                }
            }
        }
        String document = item.isPublished() ? item.document : latestProposal(item.code);
        return new ItemView(item.code, item.status, item.retiredAs, item.version, item.effectiveFrom, item.retiredAt,
                document, predecessors, successors, insider ? item.pendingChangeId : null,
                item.originJson);
    }

    public ItemHistory history(Optional<Caller> caller, PowerItemCode code) {
        CatalogItem item = visible(caller, code);
        return new ItemHistory(item.code, item.status, events(item.code, !insider(caller, item.subjectCode)));
    }

    /** The published catalogue: every effective item's document, as a JSON array or as CSV. */
    public Export export(String format) {
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw ProblemException.invalidField("format", "format \"" + format + "\" is not one of json, csv");
        }
        List<CatalogItem> effective = CatalogItem.list("status = ?1 order by code", RecordStatus.EFFECTIVE);
        if ("csv".equals(format)) {
            List<CatalogCsv.Row> rows = effective.stream()
                    .map(item -> new CatalogCsv.Row(json.read(item.document, PowerItem.class), item.version, item.effectiveFrom))
                    .toList();
            return new Export("text/csv; charset=UTF-8", "power-items.csv", CatalogCsv.write(rows));
        }
        StringBuilder body = new StringBuilder(effective.size() * 1024 + 2).append('[');
        for (int i = 0; i < effective.size(); i++) {
            body.append(i == 0 ? "" : ",").append(effective.get(i).document);
        }
        return new Export("application/json", "power-items.json", body.append(']').toString());
    }

    /** A file of the published catalogue. */
    public record Export(String mediaType, String fileName, String body) {
    }

    private static CatalogItem visible(Optional<Caller> caller, PowerItemCode code) {
        CatalogItem item = CatalogItem.findById(code.toString());
        if (item == null || !(item.isPublished() || insider(caller, item.subjectCode))) {
            throw ProblemException.notFound("no published power item " + code);
        }
        return item;
    }

    /** A catalog editor or reviewer whose region covers the subject: sees drafts, pending and rejected changes. */
    static boolean insider(Optional<Caller> caller, String subjectCode) {
        return caller.filter(c -> (c.has(Role.CATALOG_EDITOR) || c.has(Role.CATALOG_REVIEWER)) && c.covers(subjectCode))
                .isPresent();
    }

    private static String latestProposal(String code) {
        CatalogChangeEntry latest = CatalogChangeEntry.<CatalogChangeEntry>find("recordKey = ?1 and role = ?2 order by changeId desc",
                code, EntryRole.TARGET).firstResult();
        return latest == null ? null : latest.document;
    }

    private static List<ItemHistory.Event> events(String code, boolean approvedOnly) {
        List<CatalogChangeEntry> entries = CatalogChangeEntry.list("recordKey = ?1 and changeId in"
                + " (select c.id from CatalogChange c where c.record = ?2) order by changeId, ordinal", code, RecordKind.ITEM);
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<Long, CatalogChange> changes = new HashMap<>();
        for (CatalogChange change : CatalogChange.<CatalogChange>list("id in ?1", entries.stream().map(e -> e.changeId).toList())) {
            changes.put(change.id, change);
        }
        Map<Long, List<Object[]>> lineage = ChangeReview.keysOf(changes.values().stream()
                .filter(c -> LINEAGE.contains(c.kind)).map(c -> c.id).toList());
        List<ItemHistory.Event> events = new ArrayList<>();
        for (CatalogChangeEntry entry : entries) {
            CatalogChange change = changes.get(entry.changeId);
            if (approvedOnly && change.status != ChangeStatus.APPROVED) {
                continue;
            }
            List<String> sources = null;
            List<String> targets = null;
            if (LINEAGE.contains(change.kind)) {
                sources = new ArrayList<>();
                targets = new ArrayList<>();
                for (Object[] row : lineage.getOrDefault(change.id, List.of())) {
                    (row[1] == EntryRole.SOURCE ? sources : targets).add((String) row[2]);
                }
            }
            events.add(new ItemHistory.Event(change.id, change.kind, change.status, entry.role, entry.version, change.reason,
                    change.submittedBy, change.submittedAt, change.reviewedBy, change.reviewedAt, change.reviewNote,
                    sources, targets, entry.document));
        }
        return events;
    }
}
