package org.govhub.audit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.signing.CanonicalJson;
import org.govhub.signing.SigningService;

/**
 * Signs the audit chain head from time to time. A signed head pins the whole chain up to it: rows
 * rewritten later, even with recomputed hashes, no longer lead to a head the node signed.
 */
@ApplicationScoped
public class AuditHeadSigner {
    private final EntityManager em;
    private final SigningService signing;
    private final HubClock clock;
    private final HubConfig config;

    public AuditHeadSigner(EntityManager em, SigningService signing, HubClock clock, HubConfig config) {
        this.em = em;
        this.signing = signing;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "{hub.audit.sign-head-every}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        signHead();
    }

    /** Signs the current head unless it was signed already; returns the latest signed head. */
    @Transactional
    public Optional<SignedHead> signHead() {
        Object[] head = (Object[]) em.createNativeQuery("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1")
                .getSingleResult();
        long seq = ((Number) head[0]).longValue();
        Optional<SignedHead> latest = latest();
        if (seq == 0 || latest.map(h -> h.headSeq() == seq).orElse(false)) {
            return latest;
        }
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("nodeId", config.nodeId());
        statement.put("headSeq", seq);
        statement.put("headHash", head[1]);
        statement.put("signedAt", clock.instant().toString());
        byte[] bytes = CanonicalJson.bytes(statement);
        String signature = signing.signBase64(bytes);
        em.createNativeQuery("INSERT INTO audit_head_signature (head_seq, head_hash, signed_at, statement, signature) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, seq).setParameter(2, head[1]).setParameter(3, clock.instant())
                .setParameter(4, new String(bytes, StandardCharsets.UTF_8)).setParameter(5, signature)
                .executeUpdate();
        return Optional.of(new SignedHead(seq, (String) head[1], bytes, signature));
    }

    public Optional<SignedHead> latest() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT head_seq, head_hash, statement, signature FROM audit_head_signature ORDER BY id DESC")
                .setMaxResults(1).getResultList();
        return rows.stream().findFirst().map(r -> new SignedHead(((Number) r[0]).longValue(), (String) r[1],
                ((String) r[2]).getBytes(StandardCharsets.UTF_8), (String) r[3]));
    }

    /** A signed statement of the chain head: the exact signed bytes and their base64 DER signature. */
    public record SignedHead(long headSeq, String headHash, byte[] statement, String signature) {
    }
}
