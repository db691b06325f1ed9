package org.govhub.audit;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.govhub.access.Caller;
import org.govhub.access.CurrentCaller;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;

/**
 * Appends to the audit trail inside the caller's transaction, so a change and its audit row commit
 * or roll back together. Writers serialise on the chain head row, which keeps the chain linear.
 */
@ApplicationScoped
public class AuditLog {
    private final EntityManager em;
    private final HubClock clock;
    private final PersonalIdDigest personalIds;
    private final HubConfig config;

    public AuditLog(EntityManager em, HubClock clock, PersonalIdDigest personalIds, HubConfig config) {
        this.em = em;
        this.clock = clock;
        this.personalIds = personalIds;
        this.config = config;
    }

    /** Records the entry for the client of the current request (or this node when there is none). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AuditEntry entry) {
        recordAs(currentClientId(), entry);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAs(String clientId, AuditEntry entry) {
        Object[] head = (Object[]) em.createNativeQuery(
                "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE").getSingleResult();
        AuditEvent event = new AuditEvent();
        event.seq = ((Number) head[0]).longValue() + 1;
        event.prevHash = (String) head[1];
        event.occurredAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        event.clientId = clientId;
        event.operation = entry.operation();
        event.resourceType = entry.resourceType();
        event.resourceId = truncate(entry.resourceId(), 300);
        event.outcome = entry.outcome();
        event.purpose = truncate(entry.purpose(), 500);
        event.requestSm3 = entry.requestSm3();
        event.subjectDigest = entry.personalId() == null ? null : personalIds.digest(entry.personalId());
        event.rowHash = AuditChain.hash(event);
        em.persist(event);
        em.createNativeQuery("UPDATE audit_chain_head SET last_seq = ?1, last_hash = ?2 WHERE id = 1")
                .setParameter(1, event.seq).setParameter(2, event.rowHash).executeUpdate();
    }

    /**
     * Records in a transaction of its own, for events outside any data change (token requests) and
     * for refusals, whose request transaction rolls back. A null client means the current caller.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordSeparately(String clientId, AuditEntry entry) {
        recordAs(clientId == null ? currentClientId() : clientId, entry);
    }

    private String currentClientId() {
        if (Arc.container().requestContext().isActive()) {
            CurrentCaller current = Arc.container().instance(CurrentCaller.class).get();
            return current.find().map(Caller::clientId).orElse("anonymous");
        }
        return "node:" + config.nodeId();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
