package org.govhub.audit;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.govhub.access.ApiClient;
import org.govhub.access.Caller;
import org.govhub.common.HubConfig;
import org.govhub.common.problem.ProblemException;

/** Reads and checks the audit trail. */
@ApplicationScoped
public class AuditTrail {
    static final int MAX_PAGE = 1000;
    private static final int VERIFY_BATCH = 5000;

    private final EntityManager em;
    private final AuditHeadSigner heads;
    private final org.govhub.signing.SigningService signing;

    private final HubConfig config;

    public AuditTrail(EntityManager em, AuditHeadSigner heads, org.govhub.signing.SigningService signing, HubConfig config) {
        this.em = em;
        this.config = config;
        this.heads = heads;
        this.signing = signing;
    }

    /**
     * Audit rows the caller may see: those written for clients registered within the caller's region
     * prefix (region binding applies to the trail too, which names the cases and licences acted on).
     * Rows of the bootstrap admin and of anonymous callers are seen only by callers whose prefix covers
     * the bootstrap admin's, i.e. the whole node.
     */
    public AuditPage search(Caller caller, String client, String resource, Instant from, Instant to, long afterSeq, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_PAGE);
        }
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        where.add("seq > :after");
        params.put("after", afterSeq);
        if (!coversWholeNode(caller)) {
            where.add("clientId in (select a.clientId from ApiClient a where a.regionPrefix like :within)");
            params.put("within", caller.regionPrefix().value() + "%");
        }
        if (client != null && !client.isBlank()) {
            where.add("clientId = :client");
            params.put("client", client);
        }
        if (resource != null && !resource.isBlank()) {
            where.add("resourceId = :resource");
            params.put("resource", resource);
        }
        if (from != null) {
            where.add("occurredAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.add("occurredAt < :to");
            params.put("to", to);
        }
        PanacheQuery<AuditEvent> query = AuditEvent.find(String.join(" and ", where) + " order by seq", params);
        List<AuditEvent> rows = query.page(Page.ofSize(limit)).list();
        Long next = rows.size() == limit ? rows.get(rows.size() - 1).seq : null;
        return new AuditPage(rows.stream().map(AuditRecord::of).toList(), next);
    }

    private boolean coversWholeNode(Caller caller) {
        String nodePrefix = ApiClient.<ApiClient>findByIdOptional(config.auth().adminClientId())
                .map(admin -> admin.regionPrefix).orElse("");
        return nodePrefix.startsWith(caller.regionPrefix().value());
    }

    /** Walks the whole chain in sequence order and names the first row that does not fit. */
    public ChainVerification verify() {
        Object[] head = (Object[]) em.createNativeQuery("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1")
                .getSingleResult();
        long headSeq = ((Number) head[0]).longValue();
        String expectedPrev = AuditChain.GENESIS;
        long expectedSeq = firstSeq();
        long checked = 0;
        long after = expectedSeq - 1;
        while (true) {
            List<AuditEvent> batch = AuditEvent.find("seq > ?1 order by seq", after).page(Page.ofSize(VERIFY_BATCH)).list();
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEvent row : batch) {
                if (row.seq != expectedSeq) {
                    return ChainVerification.broken(checked, expectedSeq, "row " + expectedSeq + " is missing (next present row is " + row.seq + ")");
                }
                if (checked > 0 || row.seq == 1) {
                    if (!row.prevHash.equals(expectedPrev)) {
                        return ChainVerification.broken(checked, row.seq, "row " + row.seq + " does not link to the hash of row " + (row.seq - 1));
                    }
                }
                if (!AuditChain.hash(row).equals(row.rowHash)) {
                    return ChainVerification.broken(checked, row.seq, "row " + row.seq + " was altered: its content no longer matches its hash");
                }
                expectedPrev = row.rowHash;
                expectedSeq++;
                checked++;
            }
            after = batch.get(batch.size() - 1).seq;
            em.clear();
        }
        if (expectedSeq - 1 != headSeq) {
            return ChainVerification.broken(checked, expectedSeq, "the chain ends at row " + (expectedSeq - 1)
                    + " but the head records row " + headSeq + ": rows at the end were removed");
        }
        if (checked > 0 && !expectedPrev.equals(head[1])) {
            return ChainVerification.broken(checked, headSeq, "the last row's hash differs from the recorded chain head");
        }
        long rowsChecked = checked;
        return heads.latest().map(signed -> checkSignedHead(signed, rowsChecked))
                .orElse(ChainVerification.intact(checked, headSeq));
    }

    /** A rewrite that recomputed every hash still cannot reproduce a head the node signed earlier. */
    private ChainVerification checkSignedHead(AuditHeadSigner.SignedHead signed, long checked) {
        if (!signing.verifyOwn(signed.statement(), java.util.Base64.getDecoder().decode(signed.signature()))) {
            return ChainVerification.broken(checked, signed.headSeq(), "the signed head statement for row " + signed.headSeq() + " does not verify");
        }
        AuditEvent row = AuditEvent.findById(signed.headSeq());
        if (row == null) {
            boolean archived = firstSeq() > signed.headSeq();
            return archived ? ChainVerification.intact(checked, signed.headSeq())
                    : ChainVerification.broken(checked, signed.headSeq(), "row " + signed.headSeq() + ", pinned by a signed head, is missing");
        }
        if (!row.rowHash.equals(signed.headHash())) {
            return ChainVerification.broken(checked, signed.headSeq(), "row " + signed.headSeq() + " no longer matches the hash the node signed");
        }
        Number headSeq = (Number) em.createNativeQuery("SELECT last_seq FROM audit_chain_head WHERE id = 1").getSingleResult();
        return ChainVerification.intact(checked, headSeq.longValue());
    }

    /** The oldest row still online; earlier rows may have been archived (their hash links on from the archive). */
    private long firstSeq() {
        Number min = (Number) em.createQuery("select min(e.seq) from AuditEvent e").getSingleResult();
        return min == null ? 1 : min.longValue();
    }

    public record AuditPage(List<AuditRecord> events, Long nextAfter) {
    }

    public record ChainVerification(boolean intact, long rowsChecked, long headSeq, Long firstBrokenSeq, String reason) {
        static ChainVerification intact(long checked, long head) {
            return new ChainVerification(true, checked, head, null, null);
        }

        static ChainVerification broken(long checked, long seq, String why) {
            return new ChainVerification(false, checked, -1, seq, why);
        }
    }
}
