package org.govhub.supervision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.govhub.cases.CaseFeed;
import org.govhub.cases.FeedEntry;
import org.govhub.common.HubConfig;
import org.govhub.common.RegionPrefix;
import org.govhub.supervision.CaseTiming.TimedStep;
import org.jboss.logging.Logger;

/**
 * The one observer supervision hangs on the case library: it follows the case change feed with a cursor
 * persisted in {@code supervision_cursor}. Every stored version, however it arrived (platform push, ferry
 * ingest, aggregation pull), gets exactly one feed position, so following the feed sees every version once
 * and needs no hook inside the case library's push transaction. Each page is taken in in one transaction
 * together with the cursor move, so a crash repeats at most one page, and repeating is harmless (versions
 * already taken in are skipped, alerts exist once per case, rule and level).
 */
@ApplicationScoped
public class CaseFeedFollower {
    static final String CURSOR = "case-feed";
    private static final Logger LOG = Logger.getLogger(CaseFeedFollower.class);
    private static final Set<String> CLOSED = Set.of("finished", "rejected", "withdrawn");

    private final CaseFeed feed;
    private final CaseSupervision supervision;
    private final CaseFindingAlerts findings;
    private final EntityManager em;
    private final ObjectMapper json;
    private final int page;
    private volatile boolean stopping;

    public CaseFeedFollower(CaseFeed feed, CaseSupervision supervision, CaseFindingAlerts findings, EntityManager em,
            ObjectMapper json, HubConfig config) {
        this.feed = feed;
        this.supervision = supervision;
        this.findings = findings;
        this.em = em;
        this.json = json;
        this.page = config.supervision().followPage();
    }

    @Scheduled(every = "{hub.supervision.follow-every}", identity = "supervision-case-feed",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        catchUp();
    }

    /** A catch-up over a long feed stops between pages, before the datasource closes under it. */
    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Takes in every version stored since the cursor; returns how many were taken in by this call. */
    public int catchUp() {
        int taken = 0;
        while (!stopping) {
            long cursor = QuarkusTransaction.requiringNew().call(this::cursor);
            List<FeedEntry> entries = new ArrayList<>();
            feed.stream(RegionPrefix.WHOLE_COUNTRY, cursor, page, entries::add);
            if (entries.isEmpty()) {
                return taken;
            }
            Boolean moved = QuarkusTransaction.requiringNew().call(() -> takeIn(cursor, entries));
            if (moved) {
                taken += entries.size();
            }
        }
        return taken;
    }

    private long cursor() {
        return ((Number) em.createNativeQuery("SELECT position FROM supervision_cursor WHERE name = ?1")
                .setParameter(1, CURSOR).getSingleResult()).longValue();
    }

    /** False when another follower moved the cursor meanwhile: its page is done, read again from there. */
    private boolean takeIn(long expected, List<FeedEntry> entries) {
        long locked = ((Number) em.createNativeQuery("SELECT position FROM supervision_cursor WHERE name = ?1 FOR UPDATE")
                .setParameter(1, CURSOR).getSingleResult()).longValue();
        if (locked != expected) {
            return false;
        }
        List<CaseSnapshot> snapshots = new ArrayList<>();
        List<FeedEntry> readable = new ArrayList<>();
        for (FeedEntry entry : entries) {
            try {
                snapshots.add(snapshot(entry));
                readable.add(entry);
            } catch (RuntimeException | IOException e) {
                LOG.errorf("case %s version %d at feed position %d cannot be read for supervision and is skipped: %s",
                        entry.caseNo(), entry.dataVersion(), entry.position(), e.getMessage());
            }
        }
        supervision.takeAll(snapshots);
        findings.raise(readable);
        em.createNativeQuery("UPDATE supervision_cursor SET position = ?1 WHERE name = ?2")
                .setParameter(1, entries.get(entries.size() - 1).position()).setParameter(2, CURSOR).executeUpdate();
        return true;
    }

    /** What supervision needs from a stored record (the contract's CaseRecord, as the case library stored it). */
    CaseSnapshot snapshot(FeedEntry entry) throws IOException {
        JsonNode record = json.readTree(entry.record().utf8());
        List<TimedStep> steps = new ArrayList<>();
        Instant lastStep = null;
        for (JsonNode step : record.path("steps")) {
            TimedStep timed = new TimedStep(text(step, "name"), text(step, "action"), text(step, "post"),
                    instant(step, "startedAt"), instant(step, "endedAt"));
            steps.add(timed);
            for (Instant at : new Instant[] {timed.startedAt(), timed.endedAt()}) {
                if (at != null && (lastStep == null || at.isAfter(lastStep))) {
                    lastStep = at;
                }
            }
        }
        String status = text(record, "status");
        Instant finishedAt = instant(record.path("result"), "finishedAt");
        if (finishedAt == null && status != null && CLOSED.contains(status)) {
            finishedAt = lastStep != null ? lastStep : entry.receivedAt();
        }
        JsonNode promised = record.get("promisedWorkingDays");
        return new CaseSnapshot(entry.caseNo(), entry.dataVersion(), entry.itemCode(), entry.regionCode(), status,
                instant(record, "acceptedAt"), finishedAt, promised == null || promised.isNull() ? null : promised.intValue(),
                instant(record, "promisedDeadline"), steps);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return java.time.OffsetDateTime.parse(text).toInstant();
        }
    }
}
