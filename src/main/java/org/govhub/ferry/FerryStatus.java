package org.govhub.ferry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.govhub.access.Caller;
import org.govhub.access.Role;
import org.govhub.common.HubClock;
import org.govhub.common.problem.ProblemException;

/** Figures per lane for operators and the submission status for pushers. */
@ApplicationScoped
public class FerryStatus {
    private final EntityManager em;
    private final FerryNode node;
    private final HubClock clock;
    private final ObjectMapper json;

    public FerryStatus(EntityManager em, FerryNode node, HubClock clock, ObjectMapper json) {
        this.em = em;
        this.node = node;
        this.clock = clock;
        this.json = json;
    }

    public record LaneFigures(String lane, Long lastSequenceSent, Long lastSequenceReceipted, Long lastSequenceReceived,
            long pendingSubmissions, long unreceiptedBundles, long held, long quarantined,
            Long oldestUnreceiptedAgeSeconds) {
    }

    public record NodeFigures(String nodeId, String zone, boolean enabled, String transport, List<LaneFigures> lanes,
            long alerts, Instant at) {
    }

    @Transactional
    public NodeFigures figures() {
        TreeSet<String> lanes = new TreeSet<>();
        node.lanes().forEach(l -> lanes.add(l.name()));
        em.createQuery("select distinct l.lane from LaneState l", String.class).getResultList().forEach(lanes::add);
        Instant now = clock.instant();
        List<LaneFigures> figures = new ArrayList<>();
        for (String lane : lanes) {
            Instant oldest = em.createQuery("select min(s.acceptedAt) from OutboxSubmission s where s.lane = :lane "
                    + "and s.state <> :receipted", Instant.class).setParameter("lane", lane)
                    .setParameter("receipted", OutboxSubmission.RECEIPTED).getSingleResult();
            LaneState in = LaneState.findById(new LaneKey(lane, LaneState.IN));
            figures.add(new LaneFigures(lane,
                    max("select max(b.sequence) from OutboundBundle b where b.lane = :lane and b.shippedAt is not null", lane),
                    max("select max(b.sequence) from OutboundBundle b where b.lane = :lane and b.receiptedAt is not null", lane),
                    in == null ? null : in.lastSequence,
                    OutboxSubmission.count("lane = ?1 and state <> ?2", lane, OutboxSubmission.RECEIPTED),
                    OutboundBundle.count("lane = ?1 and receiptedAt is null", lane),
                    HeldBundle.count("lane", lane),
                    FerryAlert.count("lane = ?1 and kind = ?2", lane, FerryAlert.QUARANTINE),
                    oldest == null ? null : Math.max(0, Duration.between(oldest, now).toSeconds())));
        }
        return new NodeFigures(node.nodeId(), node.zone().name(), node.enabled(), node.settings().transport().name(),
                figures, FerryAlert.count(), now);
    }

    private Long max(String query, String lane) {
        return em.createQuery(query, Long.class).setParameter("lane", lane).getSingleResult();
    }

    public record BundleView(String bundleId, String fileName, long sequence, Instant packedAt, Instant shippedAt,
            int shipCount, String receiverStatus, String receiverReason, String receiverDetail) {
    }

    public record ReceiptView(Instant receiptedAt, Map<String, Integer> counts, List<Receipt.RecordOutcome> records) {
    }

    public record SubmissionView(String submissionId, String lane, String kind, String clientId, String regionPrefix,
            int records, String state, Instant acceptedAt, BundleView bundle, ReceiptView receipt) {
    }

    /**
     * A submission as its pusher sees it. Visible to the client that pushed it, and to admins and
     * supervisors whose region covers it; to anyone else it does not exist.
     */
    @Transactional
    public SubmissionView submission(Caller caller, String submissionId) {
        OutboxSubmission s = submissionId == null ? null : OutboxSubmission.bySubmissionId(submissionId).orElse(null);
        boolean visible = s != null && (s.clientId.equals(caller.clientId())
                || ((caller.has(Role.ADMIN) || caller.has(Role.SUPERVISOR)) && caller.covers(s.regionPrefix)));
        if (!visible) {
            throw ProblemException.notFound("no ferry submission " + submissionId + " visible to this client");
        }
        OutboundBundle b = s.bundleId == null ? null : OutboundBundle.findById(s.bundleId);
        BundleView bundle = b == null ? null : new BundleView(b.bundleId, b.fileName, b.sequence, b.packedAt, b.shippedAt,
                b.shipCount, b.receiptStatus, b.receiptReason, b.receiptDetail);
        ReceiptView receipt = s.receiptedAt == null ? null : new ReceiptView(s.receiptedAt,
                read(s.outcomeCounts, new TypeReference<Map<String, Integer>>() { }),
                read(s.outcomes, new TypeReference<List<Receipt.RecordOutcome>>() { }));
        return new SubmissionView(s.submissionId, s.lane, s.kind, s.clientId, s.regionPrefix, s.recordCount, s.state,
                s.acceptedAt, bundle, receipt);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored receipt outcomes are unreadable", e);
        }
    }
}
