package org.govhub.licences;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.problem.ProblemException;
import org.govhub.signing.Sm3;

/**
 * Authenticity checks (材料真实性鉴别) and the published status list. A check answers only about the
 * licence itself (status and seal, no personal data), so it is not region-bound: a department may check
 * a licence issued anywhere that a citizen hands in.
 */
@ApplicationScoped
public class LicenceVerification {
    public static final String STATUS_LIST_FORMAT = "govhub-licence-status-list/1";
    private static final Pattern SM3_HEX = Pattern.compile("[0-9a-f]{64}");

    private final LicenceSealer sealer;
    private final AuditLog audit;
    private final HubClock clock;
    private final String nodeId;

    public LicenceVerification(LicenceSealer sealer, AuditLog audit, HubClock clock, HubConfig config) {
        this.sealer = sealer;
        this.audit = audit;
        this.clock = clock;
        this.nodeId = config.nodeId();
    }

    /** What a check concludes. */
    public enum Result {
        VALID, REVOKED, EXPIRED, SUSPENDED,
        /** No licence with this id (or, without an id, with this file digest) is in the library. */
        UNKNOWN,
        /** The licence exists but the presented digest differs from the sealed one, or the stored record no longer matches its seal. */
        TAMPERED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record VerificationRequest(String id, String sm3) {
    }

    public record VerificationResult(Result result, String id, String sm3, LicenceStatus status, Instant statusSince,
            LicenceSealer.Seal seal, Instant checkedAt, String reason) {
    }

    /** Checks a presented file (a server-side temp file, hashed as a stream), optionally against a claimed id. */
    @Transactional
    public VerificationResult verifyFile(Path file, String idText) {
        if (file == null) {
            throw ProblemException.invalidField("file", "is required: a file part (with a filename) holding the presented licence file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return check(idText == null || idText.isBlank() ? null : idText.strip(), Sm3.hex(Sm3.digest(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file", e);
        }
    }

    /** Checks a digest the caller computed itself, against a claimed id or on its own. */
    @Transactional
    public VerificationResult verifyDigest(VerificationRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body {id, sm3} is required");
        }
        String sm3 = request.sm3() == null ? null : request.sm3().strip().toLowerCase(Locale.ROOT);
        if (sm3 == null || !SM3_HEX.matcher(sm3).matches()) {
            throw ProblemException.invalidField("sm3", "must be the file's SM3 digest as 64 hexadecimal characters");
        }
        return check(request.id() == null || request.id().isBlank() ? null : request.id().strip(), sm3);
    }

    private VerificationResult check(String idText, String sm3) {
        Instant now = clock.instant();
        Licence licence;
        if (idText != null) {
            licence = Licence.findById(LicenceId.parse(idText).toString());
        } else {
            licence = Licence.<Licence>find("fileSm3 = ?1 order by issuedAt desc", sm3).firstResult();
        }
        VerificationResult result;
        if (licence == null) {
            result = new VerificationResult(Result.UNKNOWN, idText, sm3, null, null, null, now,
                    idText == null ? "no licence in the library has a file with this SM3 digest" : "no licence " + idText);
        } else if (!sealer.matches(licence)) {
            result = outcome(Result.TAMPERED, licence, sm3, now, "the stored record no longer matches the hub's seal");
        } else if (!licence.fileSm3.equals(sm3)) {
            result = outcome(Result.TAMPERED, licence, sm3, now, "the presented file differs from the sealed one ("
                    + licence.fileSize + " bytes, SM3 " + licence.fileSm3 + ")");
        } else {
            LicenceStatus status = licence.statusAt(now);
            result = outcome(Result.valueOf(status.name()), licence, sm3, now,
                    status == LicenceStatus.VALID ? null : licence.statusReason);
        }
        audit.record(AuditEntry.of("licence.verify", "licence", result.id(), result.result().wireName()).withRequestSm3(sm3));
        return result;
    }

    private VerificationResult outcome(Result result, Licence licence, String sm3, Instant now, String reason) {
        return new VerificationResult(result, licence.licenceId, sm3, licence.statusAt(now), licence.statusSinceAt(now),
                sealer.view(licence), now, reason);
    }

    /** The signed list a relying system caches: every licence that is not valid, as of {@code issuedAt}. */
    public record StatusList(String format, String issuer, String issuedAt, long generation, List<StatusEntry> entries) {
    }

    /** One licence that is not valid, and since when. */
    public record StatusEntry(String id, LicenceStatus status, String since) {
    }

    @Transactional
    public StatusList statusList() {
        Instant now = clock.instant();
        long generation = LicenceStatusChange.currentGeneration();
        List<Object[]> rows = Licence.getEntityManager().createQuery(
                "select l.licenceId, l.status, l.statusSince, l.expiresAt from Licence l"
                        + " where l.status <> 'valid' or l.expiresAt <= :now order by l.licenceId", Object[].class)
                .setParameter("now", now).getResultList();
        List<StatusEntry> entries = rows.stream().map(row -> {
            LicenceStatus stored = LicenceStatus.parse((String) row[1]);
            boolean expired = stored == LicenceStatus.VALID;
            Instant since = expired ? (Instant) row[3] : (Instant) row[2];
            return new StatusEntry((String) row[0], expired ? LicenceStatus.EXPIRED : stored,
                    since.truncatedTo(ChronoUnit.SECONDS).toString());
        }).toList();
        return new StatusList(STATUS_LIST_FORMAT, nodeId, now.truncatedTo(ChronoUnit.SECONDS).toString(), generation, entries);
    }
}

