package org.govhub.licences;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.govhub.access.Caller;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.storage.ListedObject;
import org.jboss.logging.Logger;

/**
 * Compares the licence table with the licence bucket and reports drift: rows whose object is missing
 * or has another size than recorded, and objects under {@code licences/} that no row points to. It
 * only reports; repairing needs a person's judgement. Runs right after start-up (the scheduler's
 * first tick) and then every {@code hub.licences.reconcile-every}.
 */
@ApplicationScoped
public class LicenceReconciler {
    private static final Logger LOG = Logger.getLogger(LicenceReconciler.class);
    static final int MAX_LISTED = 1000;

    private final LicenceFiles files;
    private final HubClock clock;
    private final Duration grace;
    private final String nodeRegion;
    private final AtomicReference<ReconciliationReport> last = new AtomicReference<>();

    public LicenceReconciler(LicenceFiles files, HubClock clock, HubConfig config) {
        this.files = files;
        this.clock = clock;
        this.grace = config.licences().reconcileGrace();
        this.nodeRegion = config.regionCode();
    }

    public record MissingObject(String licenceId, String objectKey, String regionCode) {
    }

    public record SizeMismatch(String licenceId, String objectKey, String regionCode, long recordedSize, long storedSize) {
    }

    public record OrphanObject(String objectKey, long size, Instant lastModified) {
    }

    /** One run's findings; lists are capped at {@value #MAX_LISTED} entries, the counts are not. */
    public record ReconciliationReport(Instant startedAt, Instant finishedAt, boolean clean, String error,
            long rowsChecked, long objectsChecked, long missingCount, long sizeMismatchCount, long orphanCount,
            List<MissingObject> missingObjects, List<SizeMismatch> sizeMismatches, List<OrphanObject> orphanObjects) {

        /** Region binding: a caller sees drift of licences in its region, and orphans only if it covers the node's region. */
        ReconciliationReport visibleTo(Caller caller, String nodeRegion) {
            List<MissingObject> missing = missingObjects.stream().filter(m -> caller.covers(m.regionCode())).toList();
            List<SizeMismatch> sizes = sizeMismatches.stream().filter(m -> caller.covers(m.regionCode())).toList();
            List<OrphanObject> orphans = caller.covers(nodeRegion) ? orphanObjects : List.of();
            boolean whole = caller.covers(nodeRegion) && missing.size() == missingObjects.size()
                    && sizes.size() == sizeMismatches.size();
            return new ReconciliationReport(startedAt, finishedAt, clean, error, rowsChecked, objectsChecked,
                    whole ? missingCount : missing.size(), whole ? sizeMismatchCount : sizes.size(),
                    caller.covers(nodeRegion) ? orphanCount : 0, missing, sizes, orphans);
        }
    }

    @Scheduled(every = "{hub.licences.reconcile-every}", identity = "licence-reconciler",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        reconcile();
    }

    /** The last report, running a first reconciliation now if none ran yet. */
    public ReconciliationReport lastReport(Caller caller) {
        ReconciliationReport report = last.get();
        return (report == null ? reconcile() : report).visibleTo(caller, nodeRegion);
    }

    /**
     * Rows are read before the bucket is listed: a row committed before the listing has its object
     * already (upload precedes commit), so no row is reported missing by a race; objects newer than the
     * grace period are not called orphans because their issue may not have committed yet.
     */
    public synchronized ReconciliationReport reconcile() {
        Instant started = clock.instant();
        ReconciliationReport report;
        try {
            Map<String, Object[]> rows = new HashMap<>();
            QuarkusTransaction.requiringNew().run(() -> Licence.getEntityManager().createQuery(
                    "select l.objectKey, l.licenceId, l.fileSize, l.regionCode from Licence l", Object[].class)
                    .getResultStream().forEach(row -> rows.put((String) row[0], row)));
            long rowCount = rows.size();
            List<ListedObject> objects = files.listAll();
            Instant orphanBefore = clock.instant().minus(grace);
            List<SizeMismatch> sizes = new ArrayList<>();
            List<OrphanObject> orphans = new ArrayList<>();
            long sizeCount = 0;
            long orphanCount = 0;
            for (ListedObject object : objects) {
                Object[] row = rows.remove(object.key());
                if (row != null) {
                    long recorded = ((Number) row[2]).longValue();
                    if (recorded != object.size()) {
                        sizeCount++;
                        add(sizes, new SizeMismatch((String) row[1], object.key(), (String) row[3], recorded, object.size()));
                    }
                } else if (object.lastModified() == null || object.lastModified().isBefore(orphanBefore)) {
                    orphanCount++;
                    add(orphans, new OrphanObject(object.key(), object.size(), object.lastModified()));
                }
            }
            List<MissingObject> missing = new ArrayList<>();
            rows.values().stream().sorted((a, b) -> ((String) a[1]).compareTo((String) b[1]))
                    .forEach(row -> add(missing, new MissingObject((String) row[1], (String) row[0], (String) row[3])));
            long missingCount = rows.size();
            boolean clean = missingCount == 0 && sizeCount == 0 && orphanCount == 0;
            report = new ReconciliationReport(started, clock.instant(), clean, null, rowCount, objects.size(),
                    missingCount, sizeCount, orphanCount, missing, sizes, orphans);
            if (clean) {
                LOG.infof("licence reconciliation: %d rows and %d objects agree", rowCount, objects.size());
            } else {
                LOG.warnf("licence reconciliation found drift: %d rows without their object, %d with another size,"
                        + " %d objects without a row", missingCount, sizeCount, orphanCount);
            }
        } catch (RuntimeException e) {
            LOG.errorf("licence reconciliation could not run: %s", e.toString());
            report = new ReconciliationReport(started, clock.instant(), false, "reconciliation could not run: " + e.getMessage(),
                    0, 0, 0, 0, 0, List.of(), List.of(), List.of());
        }
        last.set(report);
        return report;
    }

    private static <T> void add(List<T> list, T entry) {
        if (list.size() < MAX_LISTED) {
            list.add(entry);
        }
    }
}
