package org.govhub.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.govhub.access.Caller;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.problem.ProblemException;

/**
 * Editors' changes to the power-item catalogue: add, change, delegate (下放), split (拆分), merge (合并)
 * and cancel (取消), singly or as a bulk import. A change only records what is proposed; nothing
 * takes effect until {@link ChangeReview} approves it.
 */
@ApplicationScoped
public class ItemChanges {
    @jakarta.inject.Inject
    CatalogAudit catalogAudit;

    private final CodeAllocator codes;
    private final CatalogJson json;
    private final HubClock clock;
    private final HubConfig config;

    public ItemChanges(CodeAllocator codes, CatalogJson json, HubClock clock, HubConfig config) {
        this.codes = codes;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    @Transactional
    public ChangeSummary submit(Caller caller, ItemChangeRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        FieldErrors errors = new FieldErrors();
        ChangeKind kind = request.kind();
        List<PowerItemCode> sources = request.sources() == null ? List.of() : request.sources();
        List<PowerItem> items = request.items() == null ? List.of() : request.items();
        if (kind == null) {
            errors.add("kind", "is required, one of add, change, delegate, split, merge, cancel");
        } else {
            shape(errors, kind, sources.size(), items.size());
        }
        reason(errors, "reason", request.reason());
        limit(items.size());
        Set<PowerItemCode> seen = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) == null) {
                errors.add("sources[" + i + "]", "must not be null");
            } else if (!seen.add(sources.get(i))) {
                errors.add("sources[" + i + "]", "code " + sources.get(i) + " is listed twice");
            }
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                errors.add("items[" + i + "]", "must be a power item, not null");
            }
        }
        checkItems(errors, items, i -> "items[" + i + "]");
        if (kind == ChangeKind.DELEGATE && errors.isEmpty()) {
            delegation(errors, sources.get(0), items.get(0).code());
        }
        errors.throwIfAny();
        return record(caller, kind, request.reason().strip(), sources, items, i -> "items[" + i + "]");
    }

    /**
     * Adds a whole catalogue as one change request, all or nothing: every row is checked first and
     * every failing field is reported as {@code [row].field}.
     */
    @Transactional
    public ChangeSummary importItems(Caller caller, List<JsonNode> rows, String reason) {
        if (rows == null) {
            throw ProblemException.badRequest("a JSON array of power items is required");
        }
        if (rows.isEmpty()) {
            throw ProblemException.invalidField("", "the import holds no items");
        }
        limit(rows.size());
        FieldErrors errors = new FieldErrors();
        if (reason != null) {
            reason(errors, "reason", reason);
        }
        List<PowerItem> items = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (row == null || !row.isObject()) {
                errors.add("[" + i + "]", "must be a power item (a JSON object)");
                items.add(null);
            } else {
                items.add(json.convert(row, PowerItem.class, "[" + i + "]", errors));
            }
        }
        checkItems(errors, items, i -> "[" + i + "]");
        errors.throwIfAny();
        String why = reason == null || reason.isBlank() ? "bulk import of " + rows.size() + " items" : reason.strip();
        return record(caller, ChangeKind.ADD, why, List.of(), items, i -> "[" + i + "]");
    }

    private void checkItems(FieldErrors errors, List<PowerItem> items, IntFunction<String> pathOf) {
        Map<PowerItemCode, Integer> rows = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            PowerItem item = items.get(i);
            if (item == null) {
                continue; // reported where it was read
            }
            PowerItemRules.check(item, pathOf.apply(i), errors);
            if (item.code() != null) {
                Integer first = rows.putIfAbsent(item.code(), i);
                if (first != null) {
                    errors.add(pathOf.apply(i) + ".code", "code " + item.code() + " is also at " + pathOf.apply(first)
                            + "; each item of a change has its own code");
                }
            }
        }
    }

    private static void shape(FieldErrors errors, ChangeKind kind, int sources, int items) {
        switch (kind) {
            case ADD -> count(errors, "an add", sources, 0, 0, items, 1, Integer.MAX_VALUE);
            case CHANGE -> count(errors, "a change", sources, 0, 0, items, 1, 1);
            case DELEGATE -> count(errors, "a delegation", sources, 1, 1, items, 1, 1);
            case SPLIT -> count(errors, "a split", sources, 1, 1, items, 2, Integer.MAX_VALUE);
            case MERGE -> count(errors, "a merge", sources, 2, Integer.MAX_VALUE, items, 1, 1);
            case CANCEL -> count(errors, "a cancellation", sources, 1, 1, items, 0, 0);
        }
    }

    private static void count(FieldErrors errors, String what, int sources, int minSources, int maxSources,
            int items, int minItems, int maxItems) {
        if (sources < minSources || sources > maxSources) {
            errors.add("sources", what + " has " + range(minSources, maxSources) + " source code(s), not " + sources);
        }
        if (items < minItems || items > maxItems) {
            errors.add("items", what + " proposes " + range(minItems, maxItems) + " item(s), not " + items);
        }
    }

    private static String range(int min, int max) {
        return min == max ? Integer.toString(min) : max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
    }

    /** 下放: the new subject lies strictly inside the old subject's region, and the item keeps its type. */
    private static void delegation(FieldErrors errors, PowerItemCode from, PowerItemCode to) {
        String fromRegion = significantRegion(from.regionDigits());
        String toRegion = significantRegion(to.regionDigits());
        if (!toRegion.startsWith(fromRegion) || toRegion.length() <= fromRegion.length()) {
            errors.add("items[0].code", "delegation (下放) goes to a lower-tier subject inside region " + fromRegion
                    + " of " + from + "; subject " + to.subjectCode() + " is not one");
        }
        if (from.type() != to.type()) {
            errors.add("items[0].code", "a delegated item keeps its type " + from.type().code() + ", not " + to.type().code());
        }
    }

    /** The region digits without the trailing 00 pairs of higher tiers: 33030000 gives 3303, 33030312 stays. */
    static String significantRegion(String regionDigits) {
        String digits = regionDigits;
        while (digits.length() > 2 && digits.endsWith("00")) {
            digits = digits.substring(0, digits.length() - 2);
        }
        return digits;
    }

    static void reason(FieldErrors errors, String field, String reason) {
        if (reason == null || reason.isBlank()) {
            errors.add(field, "every change states why it is made");
        } else if (reason.length() > 2000) {
            errors.add(field, "has " + reason.length() + " characters; at most 2000");
        }
    }

    private void limit(int items) {
        int max = config.catalog().maxImportItems();
        if (items > max) {
            throw ProblemException.tooLarge("one change may carry at most " + max + " items; this one has " + items);
        }
    }

    private ChangeSummary record(Caller caller, ChangeKind kind, String reason, List<PowerItemCode> sources,
            List<PowerItem> items, IntFunction<String> pathOf) {
        for (PowerItemCode source : sources) {
            caller.requireCovers(source.subjectCode(), "subject code of " + source + ":");
        }
        for (int i = 0; i < items.size(); i++) {
            PowerItemCode code = items.get(i).code();
            if (!caller.covers(code.subjectCode())) {
                throw ProblemException.forbidden(pathOf.apply(i) + ".code: subject code " + code.subjectCode() + " of "
                        + code + " is outside this client's region prefix " + caller.regionPrefix().value());
            }
        }
        Instant now = clock.instant();
        CatalogChange change = new CatalogChange();
        change.record = RecordKind.ITEM;
        change.kind = kind;
        change.status = ChangeStatus.PENDING;
        change.reason = reason;
        change.entryCount = sources.size() + items.size();
        change.submittedBy = caller.clientId();
        change.submittedAt = now;
        change.persist();

        List<CatalogItem> retiring = lockEffective(sources, i -> "sources[" + i + "]");
        List<PowerItemCode> targetCodes = items.stream().map(PowerItem::code).toList();
        List<CatalogItem> targets = kind == ChangeKind.CHANGE
                ? lockEffective(targetCodes, i -> pathOf.apply(i) + ".code")
                : codes.claim(caller, targetCodes, pathOf);

        List<CatalogChangeEntry> entries = new ArrayList<>(change.entryCount);
        for (CatalogItem source : retiring) {
            source.pendingChangeId = change.id;
            entries.add(CatalogChangeEntry.of(change.id, entries.size(), EntryRole.SOURCE, source.code, source.subjectCode, null));
        }
        for (int i = 0; i < targets.size(); i++) {
            CatalogItem target = targets.get(i);
            target.pendingChangeId = change.id;
            if (target.status == RecordStatus.PROPOSED) {
                target.name = items.get(i).name();
            }
            entries.add(CatalogChangeEntry.of(change.id, entries.size(), EntryRole.TARGET, target.code, target.subjectCode,
                    json.write(items.get(i))));
        }
        PanacheEntityBase.persist(entries);
        return catalogAudit.submitted(ChangeSummary.of(change, retiring.stream().map(i -> i.code).toList(), targets.stream().map(i -> i.code).toList()));
    }

    /** Locks existing effective items (in code order, against deadlocks) that a change will replace or end. */
    private static List<CatalogItem> lockEffective(List<PowerItemCode> codes, IntFunction<String> pathOf) {
        Map<String, CatalogItem> locked = new HashMap<>();
        codes.stream().map(PowerItemCode::toString).sorted(Comparator.naturalOrder()).forEach(code -> {
            CatalogItem item = CatalogItem.findById(code, LockModeType.PESSIMISTIC_WRITE);
            if (item != null) {
                locked.put(code, item);
            }
        });
        List<CatalogItem> result = new ArrayList<>(codes.size());
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i).toString();
            CatalogItem item = locked.get(code);
            if (item == null || item.status == RecordStatus.RESERVED) {
                throw ProblemException.notFound(pathOf.apply(i) + ": no power item " + code);
            }
            if (item.status != RecordStatus.EFFECTIVE) {
                throw ProblemException.conflict(pathOf.apply(i) + ": power item " + code + " is " + item.status.wireName()
                        + "; only effective items can be changed, delegated, split, merged or cancelled");
            }
            if (item.pendingChangeId != null) {
                throw ProblemException.conflict(pathOf.apply(i) + ": power item " + code + " already has pending change request #"
                        + item.pendingChangeId + "; it must be approved or rejected first");
            }
            result.add(item);
        }
        return result;
    }

    /** Makes an approved change take effect: targets become the new effective versions, sources retire. */
    void approve(CatalogChange change, List<CatalogChangeEntry> entries, Instant now) {
        Map<String, CatalogItem> items = pendingItems(change);
        for (CatalogChangeEntry entry : entries) {
            CatalogItem item = items.get(entry.recordKey);
            if (entry.role == EntryRole.SOURCE) {
                item.status = RecordStatus.RETIRED;
                item.retiredAs = change.kind;
                item.retiredAt = now;
            } else {
                item.status = RecordStatus.EFFECTIVE;
                item.version = item.version + 1;
                item.document = entry.document;
                item.name = json.read(entry.document, PowerItem.class).name();
                item.effectiveFrom = now;
                entry.version = item.version;
            }
            item.pendingChangeId = null;
        }
    }

    /** A rejected change leaves effective items as they were; items it would have created stay rejected. */
    void reject(CatalogChange change) {
        for (CatalogItem item : pendingItems(change).values()) {
            if (item.status == RecordStatus.PROPOSED) {
                item.status = RecordStatus.REJECTED;
            }
            item.pendingChangeId = null;
        }
    }

    private static Map<String, CatalogItem> pendingItems(CatalogChange change) {
        Map<String, CatalogItem> items = new HashMap<>();
        for (CatalogItem item : CatalogItem.<CatalogItem>list("pendingChangeId", change.id)) {
            items.put(item.code, item);
        }
        return items;
    }
}
