package org.govhub.licences;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.govhub.access.Caller;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;
import org.govhub.audit.PersonalIdDigest;
import org.govhub.common.CodeText;
import org.govhub.common.HubClock;
import org.govhub.common.problem.ProblemException;

/**
 * Reads of licences by department systems. Licences carry personal data, so every read needs a
 * stated purpose ({@link StatedPurpose}) and is written into the audit trail in the same transaction,
 * with the holder's ID number as a salted digest; a read without a purpose is refused and that
 * refusal is recorded too. Licences outside the caller's region prefix do not exist for it (404).
 */
@ApplicationScoped
public class LicenceQueries {
    private final LicenceViews views;
    private final LicenceFiles files;
    private final PersonalIdDigest personalIds;
    private final AuditLog audit;
    private final HubClock clock;
    private final TransactionSynchronizationRegistry transactions;

    public LicenceQueries(LicenceViews views, LicenceFiles files, PersonalIdDigest personalIds, AuditLog audit,
            HubClock clock, TransactionSynchronizationRegistry transactions) {
        this.views = views;
        this.files = files;
        this.personalIds = personalIds;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
    }

    @Transactional
    public LicenceView get(Caller caller, String idText, String purposeHeader) {
        String purpose = purpose("licence.read", idText, null, purposeHeader);
        Licence licence = visible(caller, idText);
        LicenceMetadata metadata = views.metadata(licence);
        audit.record(AuditEntry.of("licence.read", "licence", licence.licenceId, "ok").withPurpose(purpose)
                .withPersonalId(metadata.holderIdNumber()));
        return views.view(licence, clock.instant());
    }

    /** A holder's licences inside the caller's region, optionally of one type and in one status. */
    @Transactional
    public LicenceList search(Caller caller, String holderIdNumber, String typeCode, String status, String purposeHeader) {
        String holder = holderIdNumber == null ? null : holderIdNumber.strip().toUpperCase(Locale.ROOT);
        String purpose = purpose("licence.search", null, holder, purposeHeader);
        if (holder == null || holder.isEmpty()) {
            throw ProblemException.invalidField("holderIdNumber", "is required: licences are searched per holder");
        }
        StringBuilder query = new StringBuilder("holderIdDigest = :holder and regionCode like :region");
        Parameters params = Parameters.with("holder", personalIds.digest(holder))
                .and("region", caller.regionPrefix().value() + "%");
        if (typeCode != null && !typeCode.isBlank()) {
            if (typeCode.length() > 64 || !CodeText.isDigitsOrCapitals(typeCode)) {
                throw ProblemException.invalidField("type", "must be a licence type code: 1 to 64 digits or capital letters");
            }
            query.append(" and typeCode = :type");
            params.and("type", typeCode);
        }
        Instant now = clock.instant();
        if (status != null && !status.isBlank()) {
            LicenceStatus wanted = LicenceStatus.parse(status);
            switch (wanted) {
                case VALID -> query.append(" and status = :status and (expiresAt is null or expiresAt > :now)");
                case EXPIRED -> query.append(" and status = :status and expiresAt <= :now");
                default -> query.append(" and status = :status");
            }
            boolean timed = wanted == LicenceStatus.VALID || wanted == LicenceStatus.EXPIRED;
            params.and("status", timed ? LicenceStatus.VALID.wireName() : wanted.wireName());
            if (timed) {
                params.and("now", now);
            }
        }
        List<Licence> found = Licence.list(query + " order by issuedAt desc, licenceId", params);
        List<LicenceView> result = new ArrayList<>();
        for (Licence licence : found) {
            audit.record(AuditEntry.of("licence.search", "licence", licence.licenceId, "ok").withPurpose(purpose)
                    .withPersonalId(holder));
            result.add(views.view(licence, now));
        }
        if (found.isEmpty()) {
            audit.record(AuditEntry.of("licence.search", "licence", null, "none-found").withPurpose(purpose)
                    .withPersonalId(holder));
        }
        return new LicenceList(result);
    }

    public record LicenceList(List<LicenceView> licences) {
    }

    /**
     * Opens the licence's file, whole or one byte range, straight from S3. The read is audited in this
     * transaction; the S3 request is sent before the audit row is written, but no byte can reach the caller
     * before the transaction commits (the caller streams after this method returns, and closes the stream).
     */
    @Transactional
    public FileDownload openFile(Caller caller, String idText, String purposeHeader, String rangeHeader,
            String ifRangeHeader, String ifNoneMatchHeader) {
        String purpose = purpose("licence.file", idText, null, purposeHeader);
        Licence licence = visible(caller, idText);
        String holderIdNumber = views.metadata(licence).holderIdNumber();
        String etag = "\"" + licence.fileSm3 + "\"";
        LicenceFileType type = LicenceFileType.ofContentType(licence.contentType);
        String fileName = licence.licenceId + "." + type.extension();
        if (matchesAny(ifNoneMatchHeader, etag)) {
            audit.record(AuditEntry.of("licence.file", "licence", licence.licenceId, "not-modified")
                    .withPurpose(purpose).withPersonalId(holderIdNumber));
            return new FileDownload(304, etag, licence.contentType, fileName, 0, null, null);
        }
        boolean rangeApplies = ifRangeHeader == null || ifRangeHeader.strip().equals(etag);
        Optional<ByteRange> range = rangeApplies ? ByteRange.parse(rangeHeader, licence.fileSize) : Optional.empty();
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(licence.fileSize);
        // The S3 request goes out now and its answer is awaited only when the body is streamed, after this
        // transaction (with the audit row) has committed: the S3 round trip overlaps the audit write and the
        // commit instead of following them, and the audit chain's head row is no longer locked while S3 answers.
        // If the transaction does not commit (the audit write or the commit fails), nobody streams the answer:
        // release it then.
        InputStream content = files.start(licence.objectKey, first, length);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    closeQuietly(content);
                }
            }
        });
        audit.record(AuditEntry.of("licence.file", "licence", licence.licenceId, range.isPresent() ? "partial" : "ok")
                .withPurpose(purpose).withPersonalId(holderIdNumber));
        return new FileDownload(range.isPresent() ? 206 : 200, etag, licence.contentType, fileName, length,
                range.map(ByteRange::contentRange).orElse(null), content);
    }

    /** A file answer: status 200, 206 or 304, its headers, and the open S3 stream (null for 304). */
    public record FileDownload(int status, String etag, String contentType, String fileName, long length,
            String contentRange, InputStream content) {
    }

    private String purpose(String operation, String resourceId, String holderIdNumber, String header) {
        try {
            return StatedPurpose.require(header);
        } catch (ProblemException e) {
            AuditEntry refusal = AuditEntry.of(operation, "licence", resourceId, "refused-no-purpose");
            audit.recordSeparately(null, holderIdNumber == null || holderIdNumber.isBlank() ? refusal
                    : refusal.withPersonalId(holderIdNumber));
            throw e;
        }
    }

    private static Licence visible(Caller caller, String idText) {
        LicenceId id = LicenceId.parse(idText);
        Licence licence = Licence.findById(id.toString());
        if (licence == null || !caller.covers(licence.regionCode)) {
            throw ProblemException.notFound("no licence " + id);
        }
        return licence;
    }

    private static void closeQuietly(InputStream content) {
        try {
            content.close();
        } catch (java.io.IOException ignored) {
            // the download is failing anyway; the S3 answer is released when it arrives
        }
    }

    private static boolean matchesAny(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
