package org.govhub.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.govhub.access.Caller;
import org.govhub.access.Role;
import org.govhub.cases.CaseOrigin;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.problem.FieldError;
import org.govhub.common.problem.ProblemException;

/**
 * Catalogue changes (power items, responsibility-list and special-fund-list entries, {@code record})
 * that a downstream node already reviewed and made effective there, forwarded up by that node
 * (issue 7). The rule that lets them take effect here without a second review:
 * <ul>
 * <li>the caller is an {@code aggregator} client (the downstream hub's link here), and every subject
 * code the change touches lies inside its region prefix (else 403);</li>
 * <li>every existing item or list entry the change replaces, changes or ends was itself made here by a
 * forwarded change from inside that prefix: records entered at this node are owned here and a
 * downstream can never alter them (403); list entries are found by the name they have at the node
 * where they were first added ({@code entryKey}), as their ids are local to each node;</li>
 * <li>the change carries the downstream's review record (reviewer, time); it becomes effective here
 * as approved by that reviewer, with its origin and path ({@code origin} of the change and of the
 * items or list entries it made);</li>
 * <li>a change is named by {@code <node>/<change id>} of the node that approved it and applied once:
 * sent again (a lost answer, a restart) it is {@code unchanged}.</li>
 * </ul>
 * The usual checks of a submission (shape, item rules, code reuse, delegation) apply unchanged.
 */
@ApplicationScoped
public class ForwardedChanges {
    private static final Pattern CHANGE_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}/[0-9]{1,19}");

    @jakarta.inject.Inject
    CatalogAudit catalogAudit;

    private final ItemChanges items;
    private final ListChanges lists;
    private final ChangeReview review;
    private final CatalogJson json;
    private final ObjectMapper mapper;
    private final HubClock clock;
    private final HubConfig config;

    public ForwardedChanges(ItemChanges items, ListChanges lists, ChangeReview review, CatalogJson json, ObjectMapper mapper, HubClock clock,
            HubConfig config) {
        this.items = items;
        this.lists = lists;
        this.review = review;
        this.json = json;
        this.mapper = mapper;
        this.clock = clock;
        this.config = config;
    }

    /** What happened to a forwarded change: {@code created} (effective here now) or {@code unchanged} (already here). */
    public record Accepted(String outcome, ChangeSummary change) {
    }

    @Transactional
    public Accepted accept(Caller caller, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("a JSON object is required: a forwarded change");
        }
        if (!caller.has(Role.AGGREGATOR)) {
            throw ProblemException.forbidden("only an aggregator client (a downstream hub's link) may forward changes");
        }
        FieldErrors errors = new FieldErrors();
        String key = body.path("change").asText("");
        if (!CHANGE_KEY.matcher(key).matches()) {
            errors.add("change", "must name the change where it was approved: <node id>/<change id>");
        }
        RecordKind list = body.hasNonNull("record")
                ? errors.attempt("record", () -> RecordKind.parse(body.get("record").asText())) : RecordKind.ITEM;
        ChangeKind kind = body.hasNonNull("kind") ? errors.attempt("kind", () -> ChangeKind.parse(body.get("kind").asText())) : null;
        if (kind == null && !body.hasNonNull("kind")) {
            errors.add("kind", "is required, one of add, change, delegate, split, merge, cancel");
        }
        List<PowerItemCode> sources = new ArrayList<>();
        List<PowerItem> proposed = new ArrayList<>();
        ListEntryChange entryChange = null;
        if (list == null || list == RecordKind.ITEM) {
            JsonNode sourceNodes = body.path("sources");
            for (int i = 0; i < sourceNodes.size(); i++) {
                sources.add(json.convert(sourceNodes.get(i), PowerItemCode.class, "sources[" + i + "]", errors));
            }
            JsonNode itemNodes = body.path("items");
            for (int i = 0; i < itemNodes.size(); i++) {
                proposed.add(json.convert(itemNodes.get(i), PowerItem.class, "items[" + i + "]", errors));
            }
        } else {
            entryChange = listEntryChange(body, list, errors);
        }
        JsonNode record = body.path("review");
        String reviewedBy = record.path("reviewedBy").asText("");
        if (reviewedBy.isBlank() || reviewedBy.length() > 64) {
            errors.add("review.reviewedBy", "is required: the client that approved the change downstream (at most 64 characters)");
        }
        Instant reviewedAt = null;
        try {
            reviewedAt = Instant.parse(record.path("reviewedAt").asText(""));
        } catch (RuntimeException e) {
            errors.add("review.reviewedAt", "is required: when the change was approved downstream (ISO-8601 instant)");
        }
        String note = record.hasNonNull("note") ? record.get("note").asText() : null;
        if (note != null && note.length() > 2000) {
            errors.add("review.note", "has " + note.length() + " characters; at most 2000");
        }
        List<FieldError> pathErrors = new ArrayList<>();
        List<CaseOrigin.Hop> path = CaseOrigin.readPath(body.get("origin"), "", pathErrors);
        pathErrors.forEach(e -> errors.add(e.field().startsWith(".") ? e.field().substring(1) : e.field(), e.message()));
        if (path.isEmpty() && pathErrors.isEmpty()) {
            errors.add("origin.path", "is required: the path the change travelled, the forwarding node last");
        }
        errors.throwIfAny();

        if (path.stream().anyMatch(hop -> hop.node().equals(config.nodeId()))) {
            return new Accepted("unchanged", null); // it started here or already passed through here
        }
        CatalogChange known = CatalogChange.find("originKey", key).firstResult();
        if (known != null) {
            return new Accepted("unchanged", ChangeReview.summary(known, ChangeReview.entries(known.id)));
        }
        String reason = body.path("reason").asText(null);
        ChangeSummary submitted = list == RecordKind.ITEM
                ? submitItems(caller, new ItemChangeRequest(kind, reason, sources, proposed))
                : submitListEntry(caller, list, kind, reason, entryChange);
        CatalogChange change = CatalogChange.findById(submitted.id());
        List<CatalogChangeEntry> entries = ChangeReview.entries(change.id);
        Instant now = clock.instant();
        if (list == RecordKind.ITEM) {
            items.approve(change, entries, now);
        } else {
            lists.approve(change, entries, now);
        }
        change.status = ChangeStatus.APPROVED;
        change.reviewedBy = reviewedBy.strip();
        change.reviewedAt = reviewedAt;
        change.reviewNote = note == null || note.isBlank() ? null : note.strip();
        change.originKey = key;
        change.originJson = originJson(path, now, caller.clientId(), key, record);
        for (CatalogChangeEntry entry : entries) {
            if (entry.role != EntryRole.TARGET) {
                continue;
            }
            if (list == RecordKind.ITEM) {
                CatalogItem target = CatalogItem.findById(entry.recordKey);
                target.originJson = change.originJson;
            } else {
                CatalogListEntry target = CatalogListEntry.findById(Long.valueOf(entry.recordKey));
                target.originJson = change.originJson;
                if (target.originEntry == null) {
                    target.originEntry = entryChange.entryKey();
                }
            }
        }
        review.effective(change, entries);
        return new Accepted("created", catalogAudit.decided(ChangeReview.summary(change, entries)));
    }

    /**
     * A forwarded list change names its entry by {@code entryKey}, the entry's id at the node where it
     * was first added ({@code <node>/<entry id>}: ids are local to each node), and carries the entry
     * itself unless it is a cancellation.
     */
    private record ListEntryChange(String entryKey, Object entry) {
    }

    private ListEntryChange listEntryChange(JsonNode body, RecordKind list, FieldErrors errors) {
        String entryKey = body.path("entryKey").asText("");
        if (!CHANGE_KEY.matcher(entryKey).matches()) {
            errors.add("entryKey", "must name the list entry where it was first added: <node id>/<entry id>");
        }
        Class<?> type = list == RecordKind.RESPONSIBILITY ? Responsibility.class : SpecialFund.class;
        Object entry = body.hasNonNull("entry") ? json.convert(body.get("entry"), type, "entry", errors) : null;
        return new ListEntryChange(entryKey, entry);
    }

    private ChangeSummary submitItems(Caller caller, ItemChangeRequest request) {
        List<PowerItemCode> touched = new ArrayList<>(request.sources());
        if (request.kind() == ChangeKind.CHANGE) {
            request.items().stream().filter(item -> item != null && item.code() != null).forEach(item -> touched.add(item.code()));
        }
        for (PowerItemCode code : touched) {
            if (code == null) {
                continue;
            }
            caller.requireCovers(code.subjectCode(), "subject code of " + code + ":");
            CatalogItem existing = CatalogItem.findById(code.toString());
            if (existing != null && existing.status != RecordStatus.RESERVED && !forwardedFrom(existing.originJson, caller)) {
                throw ProblemException.forbidden("power item " + code + " was entered at this node (" + config.nodeId()
                        + "), not forwarded from region " + caller.regionPrefix().value() + "; a downstream node cannot change it");
            }
        }
        return items.submit(caller, request);
    }

    /**
     * A list change from below: an add makes a new entry here (named by its {@code entryKey} from then
     * on); a change or cancellation finds the entry an earlier forwarded add made. Entries entered at
     * this node (their key names this node, or no forwarded add made them) are owned here (403).
     */
    private ChangeSummary submitListEntry(Caller caller, RecordKind list, ChangeKind kind, String reason, ListEntryChange change) {
        Long id = null;
        if (kind == ChangeKind.ADD) {
            if (CatalogListEntry.count("originEntry", change.entryKey()) > 0) {
                throw ProblemException.conflict(list.wireName() + " entry " + change.entryKey()
                        + " was already added here by an earlier forwarded change");
            }
        } else if (kind == ChangeKind.CHANGE || kind == ChangeKind.CANCEL) {
            CatalogListEntry existing = CatalogListEntry.find("originEntry", change.entryKey()).firstResult();
            String ownPrefix = config.nodeId() + "/";
            if (existing == null && change.entryKey().startsWith(ownPrefix)) {
                existing = CatalogListEntry.findById(Long.valueOf(change.entryKey().substring(ownPrefix.length())));
            }
            if (existing == null || existing.list != list) {
                throw ProblemException.notFound("no " + list.wireName() + " entry " + change.entryKey() + " was forwarded here");
            }
            caller.requireCovers(existing.subjectCode, list.wireName() + " entry " + change.entryKey() + " has subject code");
            if (!forwardedFrom(existing.originJson, caller)) {
                throw ProblemException.forbidden(list.wireName() + " entry " + existing.id + " was entered at this node ("
                        + config.nodeId() + "), not forwarded from region " + caller.regionPrefix().value()
                        + "; a downstream node cannot change it");
            }
            id = existing.id;
        }
        return list == RecordKind.RESPONSIBILITY
                ? lists.submit(caller, new ResponsibilityChangeRequest(kind, reason, id, (Responsibility) change.entry()))
                : lists.submit(caller, new SpecialFundChangeRequest(kind, reason, id, (SpecialFund) change.entry()));
    }

    /** True when a record's effective version came here by a forwarded change from inside the caller's region. */
    private boolean forwardedFrom(String originJson, Caller caller) {
        if (originJson == null) {
            return false;
        }
        try {
            JsonNode origin = mapper.readTree(originJson);
            return caller.covers(origin.path("region").asText("-"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
    }

    /** The stored origin of a forwarded change: node, region, path (this node last), its key and the downstream's review. */
    private String originJson(List<CaseOrigin.Hop> path, Instant now, String client, String key, JsonNode record) {
        try {
            ObjectNode origin = (ObjectNode) mapper.readTree(CaseOrigin.arrivedAt(path, config, now, client).json());
            origin.put("change", key);
            ObjectNode review = origin.putObject("review");
            for (String field : List.of("submittedBy", "submittedAt", "reviewedBy", "reviewedAt", "note")) {
                if (record.hasNonNull(field)) {
                    review.put(field, record.get(field).asText());
                }
            }
            return mapper.writeValueAsString(origin);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a change origin must always serialise", e);
        }
    }
}
