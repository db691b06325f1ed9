package org.govhub.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.storage.ObjectStore;
import org.govhub.common.storage.StoredObject;
import org.govhub.signing.CanonicalJson;
import org.govhub.signing.SigningService;
import org.govhub.signing.Sm3;
import org.jboss.logging.Logger;

/**
 * Moves data older than the online window into signed, compressed archive objects, one set per kind
 * and month ({@code <kind>/<YYYY-MM>/<first key>/}): {@code content.ndjson.gz}, {@code manifest.json} (linking to the previous manifest's
 * SM3) and {@code manifest.sig}. Online rows are deleted only after the stored objects were read
 * back and matched; a run interrupted in between resumes from the archive record, so nothing is
 * lost or archived twice. Called by the {@code archive} Camel route.
 */
@Singleton
@Named("archiver")
public class Archiver {
    private static final Logger LOG = Logger.getLogger(Archiver.class);
    static final String GENESIS = "0".repeat(64);

    private final Instance<ArchiveSource> sources;
    private final ObjectStore store;
    private final SigningService signing;
    private final HubClock clock;
    private final HubConfig config;
    private volatile Runnable beforePurge = () -> { };

    public Archiver(Instance<ArchiveSource> sources, ObjectStore store, SigningService signing, HubClock clock, HubConfig config) {
        this.sources = sources;
        this.store = store;
        this.signing = signing;
        this.clock = clock;
        this.config = config;
    }

    /** Archives every due period of every source; returns what was archived. */
    public List<String> runDue() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(config.archive().onlineWindowDays()));
        List<String> done = new ArrayList<>();
        for (ArchiveSource source : sources) {
            Optional<ArchiveSource.Due> due;
            while ((due = QuarkusTransaction.requiringNew().call(() -> source.oldestDue(cutoff))).isPresent()) {
                ArchiveRecord record = archive(source, due.get());
                done.add(record.objectPrefix);
            }
        }
        return done;
    }

    private ArchiveRecord archive(ArchiveSource source, ArchiveSource.Due due) {
        ArchiveRecord record = QuarkusTransaction.requiringNew().call(() -> find(source.kind(), due.firstKey()));
        if (record == null) {
            record = store(source, due);
        } else if (ArchiveRecord.PURGED.equals(record.state)) {
            throw new IllegalStateException(source.kind() + " rows from " + due.firstKey() + " are online again after being archived");
        } else {
            verifyStored(record);
        }
        beforePurge.run();
        ArchiveRecord stored = record;
        QuarkusTransaction.requiringNew().run(() -> {
            long deleted = source.purge(new ArchiveSource.RowRange(stored.firstKey, stored.lastKey, stored.rowCount), stored.objectPrefix);
            if (deleted != stored.rowCount) {
                throw new IllegalStateException("purge of " + stored.objectPrefix + " would delete " + deleted
                        + " rows but the archive holds " + stored.rowCount);
            }
            ArchiveRecord managed = ArchiveRecord.findById(stored.id);
            managed.state = ArchiveRecord.PURGED;
            managed.purgedAt = clock.instant();
        });
        LOG.infof("archived %d %s rows to %s", record.rowCount, source.kind(), record.objectPrefix);
        return record;
    }

    private ArchiveRecord store(ArchiveSource source, ArchiveSource.Due due) {
        YearMonth period = due.period();
        String prefix = source.kind() + "/" + period + "/" + due.firstKey() + "/";
        Path temp = null;
        try {
            temp = Files.createTempFile("govhub-archive-", ".ndjson.gz");
            ArchiveSource.RowRange range;
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(temp))) {
                range = QuarkusTransaction.requiringNew().call(() -> source.write(due, out));
            }
            String contentSm3;
            try (InputStream in = Files.newInputStream(temp)) {
                contentSm3 = Sm3.hex(Sm3.digest(in));
            }
            long size = Files.size(temp);
            String previousManifest = QuarkusTransaction.requiringNew().call(() -> latestManifestSm3(source.kind()));
            byte[] manifest = CanonicalJson.bytes(manifest(source.kind(), period, range, prefix, size, contentSm3, previousManifest));
            try (InputStream in = Files.newInputStream(temp)) {
                store.put(bucket(), prefix + "content.ndjson.gz", in, size, "application/gzip");
            }
            store.put(bucket(), prefix + "manifest.json", new java.io.ByteArrayInputStream(manifest), manifest.length, "application/json");
            byte[] signature = signing.sign(manifest);
            store.put(bucket(), prefix + "manifest.sig", new java.io.ByteArrayInputStream(signature), signature.length, "application/octet-stream");

            ArchiveRecord record = new ArchiveRecord();
            record.kind = source.kind();
            record.period = period.toString();
            record.objectPrefix = prefix;
            record.firstKey = range.firstKey();
            record.lastKey = range.lastKey();
            record.rowCount = range.count();
            record.contentSm3 = contentSm3;
            record.manifestSm3 = Sm3.hex(Sm3.digest(manifest));
            record.state = ArchiveRecord.STORED;
            record.createdAt = clock.instant();
            verifyStored(record);
            QuarkusTransaction.requiringNew().run(record::persist);
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write archive " + prefix, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Reads the stored objects back: the content must hash to the recorded SM3, the manifest likewise. */
    private void verifyStored(ArchiveRecord record) {
        try (InputStream content = store.get(bucket(), record.objectPrefix + "content.ndjson.gz");
                InputStream manifest = store.get(bucket(), record.objectPrefix + "manifest.json")) {
            if (!Sm3.hex(Sm3.digest(content)).equals(record.contentSm3) || !Sm3.hex(Sm3.digest(manifest)).equals(record.manifestSm3)) {
                throw new IllegalStateException("archive " + record.objectPrefix + " does not read back as written");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back archive " + record.objectPrefix, e);
        }
        Optional<StoredObject> signature = store.stat(bucket(), record.objectPrefix + "manifest.sig");
        if (signature.isEmpty()) {
            throw new IllegalStateException("archive " + record.objectPrefix + " has no manifest signature");
        }
    }

    private Map<String, Object> manifest(String kind, YearMonth period, ArchiveSource.RowRange range, String prefix,
            long size, String contentSm3, String previousManifestSm3) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("object", prefix + "content.ndjson.gz");
        content.put("size", size);
        content.put("sm3", contentSm3);
        content.put("encoding", "gzip, NDJSON of canonical JSON rows");
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("kind", kind);
        manifest.put("period", period.toString());
        manifest.put("nodeId", config.nodeId());
        manifest.put("createdAt", clock.instant().toString());
        manifest.put("firstKey", range.firstKey());
        manifest.put("lastKey", range.lastKey());
        manifest.put("rowCount", range.count());
        manifest.put("content", content);
        manifest.put("previousManifestSm3", previousManifestSm3);
        return manifest;
    }

    private static ArchiveRecord find(String kind, String firstKey) {
        return ArchiveRecord.find("kind = ?1 and firstKey = ?2", kind, firstKey).firstResult();
    }

    private static String latestManifestSm3(String kind) {
        ArchiveRecord latest = ArchiveRecord.find("kind = ?1 order by id desc", kind).firstResult();
        return latest == null ? GENESIS : latest.manifestSm3;
    }

    private String bucket() {
        return config.storage().archiveBucket();
    }

    /** Fault-injection point for tests: runs after the archive is stored and verified, before rows are deleted. */
    void beforePurge(Runnable hook) {
        this.beforePurge = hook == null ? () -> { } : hook;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debugf("cannot delete temp file %s", file);
            }
        }
    }
}
