package org.govhub.licences;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.govhub.access.Caller;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;
import org.govhub.audit.PersonalIdDigest;
import org.govhub.common.HubClock;
import org.govhub.common.problem.ProblemException;
import org.govhub.signing.CanonicalJson;
import org.govhub.signing.Sm3;
import org.jboss.logging.Logger;

/**
 * Issues and revokes licences. An issue stores the file in S3 first and writes the row afterwards in
 * its own transaction; when that write fails the object is removed again (compensation), so the
 * library never holds an object without a row or a row without an object. Drift that escapes this
 * (e.g. the removal itself failing) is reported by {@link LicenceReconciler}.
 */
@ApplicationScoped
public class LicenceLibrary {
    private static final Logger LOG = Logger.getLogger(LicenceLibrary.class);

    private final LicenceFiles files;
    private final LicenceSealer sealer;
    private final LicenceViews views;
    private final PersonalIdDigest personalIds;
    private final AuditLog audit;
    private final HubClock clock;

    @jakarta.inject.Inject
    org.govhub.common.HubConfig config;

    @jakarta.inject.Inject
    @jakarta.enterprise.inject.Any
    jakarta.enterprise.inject.Instance<LicenceListener> listeners;

    public LicenceLibrary(LicenceFiles files, LicenceSealer sealer, LicenceViews views, PersonalIdDigest personalIds,
            AuditLog audit, HubClock clock) {
        this.files = files;
        this.sealer = sealer;
        this.views = views;
        this.personalIds = personalIds;
        this.audit = audit;
        this.clock = clock;
    }

    /** Issues a licence from its metadata JSON and its file (a server-side temp file, streamed, never loaded). */
    public LicenceView issue(Caller issuer, String metadataJson, Path file) throws JsonProcessingException {
        LicenceMetadata metadata = views.parseSubmitted(metadataJson).validated();
        issuer.requireCovers(metadata.regionCode(), "licence region code");
        if (file == null) {
            throw ProblemException.invalidField("file", "is required: a file part (with a filename) holding the PDF, OFD or image");
        }
        LicenceFileType type = LicenceFileType.detect(file);
        LicenceId id = metadata.licenceId();
        if (Licence.count("licenceId", id.toString()) > 0) {
            throw ProblemException.conflict("licence " + id + " already exists; issue a new version instead");
        }
        byte[] canonicalMetadata = CanonicalJson.bytes(metadata);
        String metadataSm3 = Sm3.hex(Sm3.digest(canonicalMetadata));

        LicenceFiles.StoredFile stored = files.store(id, file, type);
        try {
            LicenceSealer.Sealed seal = sealer.seal(id, metadataSm3, stored.sm3(), stored.size());
            return QuarkusTransaction.requiringNew().call(() -> {
                Licence licence = record(issuer, metadata, canonicalMetadata, metadataSm3, stored, seal);
                return views.view(licence, clock.instant());
            });
        } catch (RuntimeException e) {
            files.removeQuietly(stored.key());
            LOG.warnf("issue of licence %s failed after its upload, so %s is removed again: %s", id, stored.key(), e.toString());
            boolean concurrentDuplicate;
            try {
                concurrentDuplicate = QuarkusTransaction.requiringNew().call(() -> Licence.count("licenceId", id.toString()) > 0);
            } catch (RuntimeException checkFailure) {
                e.addSuppressed(checkFailure);
                throw e;
            }
            if (concurrentDuplicate) {
                throw ProblemException.conflict("licence " + id + " already exists; issue a new version instead");
            }
            throw e;
        }
    }

    private Licence record(Caller issuer, LicenceMetadata metadata, byte[] canonicalMetadata, String metadataSm3,
            LicenceFiles.StoredFile stored, LicenceSealer.Sealed seal) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Licence licence = new Licence();
        licence.licenceId = metadata.id();
        licence.typeCode = metadata.typeCode();
        licence.issuerCode = metadata.issuerCode();
        licence.regionCode = metadata.regionCode();
        licence.holderIdDigest = personalIds.digest(metadata.holderIdNumber());
        licence.status = LicenceStatus.VALID.wireName();
        licence.statusSince = now;
        licence.expiresAt = expiry(metadata, clock.getZone());
        licence.metadata = new String(canonicalMetadata, StandardCharsets.UTF_8);
        licence.metadataSm3 = metadataSm3;
        licence.objectKey = stored.key();
        licence.fileSm3 = stored.sm3();
        licence.fileSize = stored.size();
        licence.contentType = stored.type().contentType();
        licence.sealPayload = seal.payload();
        licence.sealSignature = seal.signature();
        licence.issuedAt = now;
        licence.issuedBy = issuer.clientId();
        licence.revision = 0;
        licence.originJson = org.govhub.cases.CaseOrigin.arrivedAt(java.util.List.of(), config, now, issuer.clientId()).json();
        licence.persistAndFlush();
        audit.record(AuditEntry.of("licence.issue", "licence", licence.licenceId, "issued")
                .withPersonalId(metadata.holderIdNumber()));
        listeners.forEach(l -> l.stored(licence));
        return licence;
    }

    /** A licence valid to 2028-04-02 is expired from 2028-04-03 00:00 in the hub's time zone. */
    static Instant expiry(LicenceMetadata metadata, ZoneId zone) {
        return metadata.validTo() == null ? null : metadata.validTo().plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Revokes a licence; only the client that issued it may, and it must state a reason. */
    @Transactional
    public Revocation revoke(Caller caller, String idText, RevocationRequest request) {
        LicenceId id = LicenceId.parse(idText);
        String reason = request == null ? null : request.reason();
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalidField("reason", "is required: why the licence is revoked");
        }
        reason = reason.strip();
        if (reason.length() > 500) {
            throw ProblemException.invalidField("reason", "has " + reason.length() + " characters; at most 500");
        }
        Licence licence = Licence.findById(id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (licence == null || !caller.covers(licence.regionCode)) {
            throw ProblemException.notFound("no licence " + id);
        }
        if (!licence.issuedBy.equals(caller.clientId())) {
            throw ProblemException.forbidden("only the issuing client may revoke licence " + id);
        }
        if (LicenceStatus.REVOKED.wireName().equals(licence.status)) {
            throw ProblemException.conflict("licence " + id + " was already revoked at " + licence.statusSince);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        licence.status = LicenceStatus.REVOKED.wireName();
        licence.statusSince = now;
        licence.statusReason = reason;
        licence.revision++;
        LicenceStatusChange change = new LicenceStatusChange();
        change.licenceId = licence.licenceId;
        change.status = licence.status;
        change.reason = reason;
        change.changedAt = now;
        change.changedBy = caller.clientId();
        change.persistAndFlush();
        audit.record(AuditEntry.of("licence.revoke", "licence", licence.licenceId, "revoked"));
        listeners.forEach(l -> l.statusChanged(licence, change));
        return new Revocation(licence.licenceId, LicenceStatus.REVOKED, now, reason, change.generation);
    }

    public record RevocationRequest(String reason) {
    }

    /** The outcome of a revocation; {@code generation} is the first status list that carries it. */
    public record Revocation(String id, LicenceStatus status, Instant since, String reason, long generation) {
    }
}
