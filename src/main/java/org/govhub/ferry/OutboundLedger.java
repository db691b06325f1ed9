package org.govhub.ferry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.govhub.common.HubClock;
import org.govhub.signing.SigningService;

/**
 * The external node's side of each lane: seals queued submissions into numbered, chained, signed
 * bundles; says which bundles to ship (new ones, ones the receiver asked for again, and the oldest
 * unreceipted one when its receipt is overdue); and applies what comes back. Each step is one
 * transaction.
 */
@ApplicationScoped
public class OutboundLedger {
    @jakarta.inject.Inject
    org.govhub.audit.AuditLog audit;

    private static final int MAX_RESEND_RANGE = 10_000;

    private final EntityManager em;
    private final HubClock clock;
    private final FerryNode node;
    private final SigningService signing;
    private final FerryAlerts alerts;
    private final ObjectMapper json;

    public OutboundLedger(EntityManager em, HubClock clock, FerryNode node, SigningService signing, FerryAlerts alerts,
            ObjectMapper json) {
        this.em = em;
        this.clock = clock;
        this.node = node;
        this.signing = signing;
        this.alerts = alerts;
        this.json = json;
    }

    /** Queued submission metadata, without the payload. */
    record Pending(long id, String submissionId, String kind, int records, long bytes, String sm3, String clientId,
            String regionPrefix, Instant acceptedAt) {
    }

    /**
     * Seals the next bundle of a lane when one is due: the queue holds enough records or bytes for a
     * full bundle, or its oldest submission has waited {@code max-age}. Returns the sealed bundle or null.
     */
    @Transactional
    public OutboundBundle packOne(Lane lane) {
        var settings = node.settings();
        Instant now = clock.instant();
        List<Pending> queue = em.createQuery("select new org.govhub.ferry.OutboundLedger$Pending(s.id, s.submissionId, "
                        + "s.kind, s.recordCount, s.payloadBytes, s.payloadSm3, s.clientId, s.regionPrefix, s.acceptedAt) "
                        + "from OutboxSubmission s where s.lane = :lane and s.state = :state order by s.id", Pending.class)
                .setParameter("lane", lane.name()).setParameter("state", OutboxSubmission.ACCEPTED)
                .setMaxResults(Math.max(1, settings.bundleMaxRecords()) + 1).getResultList();
        if (queue.isEmpty()) {
            return null;
        }
        List<Pending> take = new ArrayList<>();
        long records = 0;
        long bytes = 0;
        boolean full = false;
        for (Pending p : queue) {
            boolean fits = records + p.records() <= settings.bundleMaxRecords() && bytes + p.bytes() <= settings.bundleMaxBytes();
            if (!fits && !take.isEmpty()) {
                full = true;
                break;
            }
            take.add(p);
            records += p.records();
            bytes += p.bytes();
            if (records >= settings.bundleMaxRecords() || bytes >= settings.bundleMaxBytes()) {
                full = true;
                break;
            }
        }
        boolean old = !take.get(0).acceptedAt().plus(settings.maxAge()).isAfter(now);
        if (!full && !old) {
            return null;
        }
        LaneState state = LaneState.lockOrCreate(lane.name(), LaneState.OUT);
        List<ManifestEntry> entries = take.stream().map(OutboundLedger::entry).toList();
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, UUID.randomUUID().toString(), lane.name(),
                state.lastSequence + 1, node.nodeId(), node.peerZone(), now.truncatedTo(ChronoUnit.MILLIS),
                node.certificateSm3(), state.lastManifestSm3, entries);
        byte[] manifestBytes = manifest.bytes();

        OutboundBundle bundle = new OutboundBundle();
        bundle.bundleId = manifest.bundleId();
        bundle.lane = lane.name();
        bundle.sequence = manifest.sequence();
        bundle.fileName = manifest.name().fileName();
        bundle.manifest = new String(manifestBytes, StandardCharsets.UTF_8);
        bundle.manifestSm3 = BundleManifest.digest(manifestBytes);
        bundle.signature = Base64.getEncoder().encodeToString(signing.sign(manifestBytes));
        bundle.recordCount = (int) records;
        bundle.payloadBytes = bytes;
        bundle.packedAt = now;
        bundle.shipCount = 0;
        bundle.persist();

        em.createQuery("update OutboxSubmission s set s.state = :state, s.bundleId = :bundle where s.id in :ids")
                .setParameter("state", OutboxSubmission.BUNDLED).setParameter("bundle", bundle.bundleId)
                .setParameter("ids", take.stream().map(Pending::id).toList()).executeUpdate();
        state.lastSequence = manifest.sequence();
        state.lastManifestSm3 = bundle.manifestSm3;
        state.lastAt = now;
        return bundle;
    }

    private static ManifestEntry entry(Pending p) {
        EntryKind kind = EntryKind.parse(p.kind());
        if (kind == EntryKind.CASE_BATCH) {
            return ManifestEntry.caseBatch(p.submissionId(), p.bytes(), p.sm3(), p.records(), p.clientId(),
                    p.regionPrefix(), p.acceptedAt().truncatedTo(ChronoUnit.MICROS));
        }
        return new ManifestEntry(p.submissionId() + ".json", kind, p.bytes(), p.sm3(), p.records(), p.submissionId(),
                p.clientId(), p.regionPrefix(), p.acceptedAt().truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * Bundles to ship now, in lane and sequence order, rebuilt from the stored manifest, signature and
     * submission payloads: never shipped, asked for again by the receiver, or the oldest unreceipted
     * one of a lane whose receipt is overdue ({@code resend-after}).
     */
    @Transactional
    public List<FerryFile> toShip(int limit) {
        Instant overdue = clock.instant().minus(node.settings().resendAfter());
        List<OutboundBundle> due = new ArrayList<>(OutboundBundle.<OutboundBundle>find(
                "receiptedAt is null and (shippedAt is null or resendRequested = true) order by lane, sequence")
                .page(Page.ofSize(limit)).list());
        for (Lane lane : node.packLanes()) {
            OutboundBundle head = OutboundBundle.<OutboundBundle>find(
                    "lane = ?1 and receiptedAt is null order by sequence", lane.name()).firstResult();
            if (head != null && head.shippedAt != null && head.shippedAt.isBefore(overdue)
                    && due.stream().noneMatch(b -> b.bundleId.equals(head.bundleId)) && due.size() < limit) {
                due.add(head);
            }
        }
        List<FerryFile> files = new ArrayList<>();
        for (OutboundBundle bundle : due) {
            files.add(new FerryFile(bundle.fileName, rebuild(bundle), bundle.bundleId));
        }
        return files;
    }

    private byte[] rebuild(OutboundBundle bundle) {
        byte[] manifestBytes = bundle.manifest.getBytes(StandardCharsets.UTF_8);
        BundleManifest manifest;
        try {
            manifest = BundleManifest.parse(manifestBytes);
        } catch (BundleRejectedException e) {
            throw new IllegalStateException("stored manifest of bundle " + bundle.fileName + " is invalid: " + e, e);
        }
        Map<String, String> payloads = new HashMap<>();
        em.createQuery("select s.submissionId, s.payload from OutboxSubmission s where s.bundleId = :bundle", Object[].class)
                .setParameter("bundle", bundle.bundleId).getResultList()
                .forEach(row -> payloads.put((String) row[0], (String) row[1]));
        List<SafeZip.Named> payload = new ArrayList<>();
        for (ManifestEntry entry : manifest.entries()) {
            String stored = payloads.get(entry.submissionId());
            if (stored == null) {
                throw new IllegalStateException("payload of submission " + entry.submissionId() + " for bundle "
                        + bundle.fileName + " is no longer stored");
            }
            payload.add(new SafeZip.Named(entry.name(), stored.getBytes(StandardCharsets.UTF_8)));
        }
        return BundleWriter.write(manifestBytes, Base64.getDecoder().decode(bundle.signature), payload);
    }

    @Transactional
    public void shipped(String bundleId) {
        OutboundBundle bundle = OutboundBundle.findById(bundleId);
        if (bundle == null) {
            return;
        }
        bundle.shippedAt = clock.instant();
        bundle.shipCount++;
        bundle.resendRequested = false;
        audit.recordAs("node:" + node.nodeId(), org.govhub.audit.AuditEntry.of("ferry.ship", "ferry-bundle", bundle.fileName,
                bundle.shipCount == 1 ? "shipped" : "shipped-again"));
        em.createQuery("update OutboxSubmission s set s.state = :shipped where s.bundleId = :bundle and s.state in :from")
                .setParameter("shipped", OutboxSubmission.SHIPPED).setParameter("bundle", bundleId)
                .setParameter("from", List.of(OutboxSubmission.BUNDLED, OutboxSubmission.QUARANTINED)).executeUpdate();
    }

    /** Applies a verified return message; anything that does not fit this node's bundles raises an alert. */
    @Transactional
    public void apply(ReturnMessage message, String fileName) {
        if (message.kind() == ReturnMessage.Kind.resend) {
            applyResend(message.resend(), fileName);
        } else {
            applyReceipt(message.receipt(), fileName);
        }
    }

    private void applyReceipt(Receipt receipt, String fileName) {
        OutboundBundle bundle = receipt.lane() == null || receipt.sequence() == null ? null
                : OutboundBundle.<OutboundBundle>find("lane = ?1 and sequence = ?2", receipt.lane(), receipt.sequence())
                        .firstResult();
        boolean ours = bundle != null && bundle.manifestSm3.equals(receipt.manifestSm3());
        if (receipt.status() == Receipt.Status.quarantined) {
            String detail = "the receiver quarantined " + receipt.bundleFile() + " (" + receipt.reason() + "): "
                    + receipt.detail();
            if (ours && bundle.receiptedAt == null) {
                bundle.receiptStatus = Receipt.Status.quarantined.name();
                bundle.receiptReason = receipt.reason();
                bundle.receiptDetail = FerryAlerts.truncate(receipt.detail(), 1000);
                em.createQuery("update OutboxSubmission s set s.state = :q where s.bundleId = :bundle and s.state <> :r")
                        .setParameter("q", OutboxSubmission.QUARANTINED).setParameter("bundle", bundle.bundleId)
                        .setParameter("r", OutboxSubmission.RECEIPTED).executeUpdate();
                alerts.raise(FerryAlert.RECEIVER_QUARANTINED, receipt.lane(), receipt.sequence(), receipt.bundleFile(),
                        receipt.reason(), detail + "; it will be shipped again");
            } else if (!ours) {
                alerts.raise(FerryAlert.RECEIVER_QUARANTINED, receipt.lane(), receipt.sequence(), receipt.bundleFile(),
                        receipt.reason(), detail + "; the file was not a bundle of this node");
            }
            return;
        }
        if (!ours || !bundle.bundleId.equals(receipt.bundleId())) {
            alerts.raise(FerryAlert.RETURN_REJECTED, receipt.lane(), receipt.sequence(), fileName, "unknown-bundle",
                    "receipt for " + receipt.bundleFile() + " (manifest " + receipt.manifestSm3()
                            + ") matches no bundle this node sent");
            return;
        }
        if (bundle.receiptedAt != null) {
            return; // the same receipt again: already applied
        }
        Instant now = clock.instant();
        bundle.receiptStatus = Receipt.Status.accepted.name();
        bundle.receiptReason = null;
        bundle.receiptDetail = null;
        bundle.receiptedAt = now;
        Map<String, Receipt.SubmissionReceipt> bySubmission = new HashMap<>();
        if (receipt.submissions() != null) {
            receipt.submissions().forEach(s -> bySubmission.put(s.submissionId(), s));
        }
        // Updated in place rather than loaded: the submissions' payloads (the whole batches) are not read to be dropped.
        List<String> submissionIds = em.createQuery("select s.submissionId from OutboxSubmission s where s.bundleId = :bundle"
                + " order by s.id", String.class).setParameter("bundle", bundle.bundleId).getResultList();
        for (String submissionId : submissionIds) {
            Receipt.SubmissionReceipt r = bySubmission.get(submissionId);
            if (r == null) {
                alerts.raise(FerryAlert.RETURN_REJECTED, bundle.lane, bundle.sequence, fileName, "incomplete-receipt",
                        "receipt for " + bundle.fileName + " does not mention submission " + submissionId);
                continue;
            }
            em.createQuery("update OutboxSubmission s set s.state = :state, s.receiptedAt = :at, s.outcomeCounts = :counts,"
                            + " s.outcomes = :outcomes, s.payload = null where s.submissionId = :id")
                    .setParameter("state", OutboxSubmission.RECEIPTED).setParameter("at", now)
                    .setParameter("counts", write(r.counts())).setParameter("outcomes", write(r.records()))
                    .setParameter("id", submissionId).executeUpdate();
        }
    }

    private void applyResend(ResendRequest request, String fileName) {
        long from = Math.max(1, request.fromSequence());
        long to = Math.min(request.toSequence(), from + MAX_RESEND_RANGE - 1);
        List<OutboundBundle> bundles = OutboundBundle.<OutboundBundle>list(
                "lane = ?1 and sequence >= ?2 and sequence <= ?3 order by sequence", request.lane(), from, to);
        long found = 0;
        for (OutboundBundle bundle : bundles) {
            found++;
            if (bundle.receiptedAt == null) {
                bundle.resendRequested = true;
            } else {
                alerts.raise(FerryAlert.RESEND_IMPOSSIBLE, bundle.lane, bundle.sequence, fileName, "already-receipted",
                        "the receiver asked again for " + bundle.fileName + ", which it receipted at "
                                + bundle.receiptedAt + "; its payload is no longer kept");
            }
        }
        if (found < to - from + 1) {
            alerts.raise(FerryAlert.RESEND_IMPOSSIBLE, request.lane(), from, fileName, "never-sent",
                    "the receiver asked for lane " + request.lane() + " sequence " + from + ".." + to + " but only "
                            + found + " of them were ever sealed by this node");
        }
    }

    private String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store receipt outcomes", e);
        }
    }
}
