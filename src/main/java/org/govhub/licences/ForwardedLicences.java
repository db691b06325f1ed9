package org.govhub.licences;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.govhub.access.Caller;
import org.govhub.access.Role;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;
import org.govhub.audit.PersonalIdDigest;
import org.govhub.cases.CaseOrigin;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.problem.FieldError;
import org.govhub.common.problem.ProblemException;
import org.govhub.signing.CanonicalJson;
import org.govhub.signing.Sm3;
import org.jboss.logging.Logger;

/**
 * Licences forwarded up by a downstream hub (issue 7). A licence version is (licence id, revision):
 * revision 0 is the licence as issued, each status change at the issuing node adds one.
 * <ul>
 * <li>{@link #accept}: the licence as issued (metadata, state, file). New here: stored (file streamed to
 * S3, SM3 checked against the declared {@code fileSm3}), sealed by this node, answered {@code created}.
 * Already here with the same metadata SM3 and file SM3 (a retry after a lost answer, or a second
 * route): {@code unchanged}, nothing written. Already here with other content under the same id: 409.</li>
 * <li>{@link #status}: a status change with its revision. A revision not above the stored one is
 * {@code unchanged} (already applied); a higher one is applied and enters the status list.</li>
 * </ul>
 * Only an {@code aggregator} client whose region prefix covers the licence's region may forward.
 */
@ApplicationScoped
public class ForwardedLicences {
    private static final Logger LOG = Logger.getLogger(ForwardedLicences.class);
    private static final Pattern SM3_HEX = Pattern.compile("[0-9a-f]{64}");

    private final LicenceFiles files;
    private final LicenceSealer sealer;
    private final LicenceViews views;
    private final PersonalIdDigest personalIds;
    private final AuditLog audit;
    private final HubClock clock;
    private final HubConfig config;
    private final Instance<LicenceListener> listeners;
    private final ObjectReader reader;
    private final ObjectMapper mapper;

    public ForwardedLicences(LicenceFiles files, LicenceSealer sealer, LicenceViews views, PersonalIdDigest personalIds,
            AuditLog audit, HubClock clock, HubConfig config, @Any Instance<LicenceListener> listeners, ObjectMapper mapper) {
        this.files = files;
        this.sealer = sealer;
        this.views = views;
        this.personalIds = personalIds;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
        this.listeners = listeners;
        this.mapper = mapper;
        this.reader = mapper.readerFor(ForwardedLicence.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The {@code licence} part of a forwarded licence: the issuing node's row, without the file. */
    public record ForwardedLicence(LicenceMetadata metadata, LicenceStatus status, Instant statusSince, String statusReason,
            Integer revision, Instant issuedAt, String issuedBy, String fileSm3, Long fileSize, JsonNode origin) {
    }

    /** A forwarded status change: the licence's revision after it, the status and why. */
    public record ForwardedStatus(Integer revision, LicenceStatus status, Instant since, String reason, JsonNode origin) {
    }

    /** {@code created}, {@code applied} or {@code unchanged}, and the licence as stored here. */
    public record Accepted(String outcome, LicenceView licence) {
    }

    public Accepted accept(Caller caller, String json, Path file) {
        requireAggregator(caller);
        if (json == null || json.isBlank()) {
            throw ProblemException.invalidField("licence", "is required: a JSON part named licence with the forwarded licence");
        }
        ForwardedLicence forwarded;
        try {
            forwarded = reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidField("licence", "is not a forwarded licence: " + e.getOriginalMessage());
        }
        if (forwarded == null || forwarded.metadata() == null) {
            throw ProblemException.invalidField("licence.metadata", "is required");
        }
        LicenceMetadata metadata = forwarded.metadata().validated();
        caller.requireCovers(metadata.regionCode(), "licence region code");
        List<FieldError> errors = new ArrayList<>();
        if (forwarded.status() == null || forwarded.status() == LicenceStatus.EXPIRED) {
            errors.add(new FieldError("licence.status", "is required: valid, revoked or suspended"));
        }
        if (forwarded.statusSince() == null) {
            errors.add(new FieldError("licence.statusSince", "is required"));
        }
        if (forwarded.revision() == null || forwarded.revision() < 0) {
            errors.add(new FieldError("licence.revision", "is required: 0 or more"));
        }
        if (forwarded.issuedAt() == null) {
            errors.add(new FieldError("licence.issuedAt", "is required"));
        }
        if (forwarded.issuedBy() == null || forwarded.issuedBy().isBlank() || forwarded.issuedBy().length() > 64) {
            errors.add(new FieldError("licence.issuedBy", "is required: the issuing client (at most 64 characters)"));
        }
        if (forwarded.fileSm3() == null || !SM3_HEX.matcher(forwarded.fileSm3()).matches()) {
            errors.add(new FieldError("licence.fileSm3", "is required: the file's SM3, 64 lower-case hex digits"));
        }
        if (forwarded.fileSize() == null || forwarded.fileSize() < 0) {
            errors.add(new FieldError("licence.fileSize", "is required"));
        }
        List<CaseOrigin.Hop> path = CaseOrigin.readPath(forwarded.origin(), "licence", errors);
        if (path.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("licence.origin.path", "is required: the path the licence travelled, the forwarding node last"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        byte[] canonicalMetadata = CanonicalJson.bytes(metadata);
        String metadataSm3 = Sm3.hex(Sm3.digest(canonicalMetadata));
        String id = metadata.id();
        Accepted known = known(caller, id, metadataSm3, forwarded.fileSm3());
        if (known != null) {
            return known;
        }
        if (file == null) {
            throw ProblemException.invalidField("file", "is required: a file part (with a filename) holding the licence file");
        }
        LicenceFileType type = LicenceFileType.detect(file);
        LicenceFiles.StoredFile stored = files.store(metadata.licenceId(), file, type);
        try {
            if (!stored.sm3().equals(forwarded.fileSm3()) || stored.size() != forwarded.fileSize()) {
                throw ProblemException.invalidField("file", "has SM3 " + stored.sm3() + " and " + stored.size()
                        + " bytes; the licence declares " + forwarded.fileSm3() + " and " + forwarded.fileSize());
            }
            LicenceSealer.Sealed seal = sealer.seal(metadata.licenceId(), metadataSm3, stored.sm3(), stored.size());
            return QuarkusTransaction.requiringNew().call(() -> {
                Licence licence = record(caller, forwarded, metadata, canonicalMetadata, metadataSm3, stored, seal, path);
                return new Accepted("created", views.view(licence, clock.instant()));
            });
        } catch (RuntimeException e) {
            files.removeQuietly(stored.key());
            Accepted raced;
            try {
                raced = QuarkusTransaction.requiringNew().call(() -> known(caller, id, metadataSm3, forwarded.fileSm3()));
            } catch (RuntimeException checkFailure) {
                e.addSuppressed(checkFailure);
                throw e;
            }
            if (raced != null) {
                return raced;
            }
            LOG.warnf("forwarded licence %s was not stored, its upload is removed again: %s", id, e.toString());
            throw e;
        }
    }

    /** Null when the licence is new here; unchanged when it is here with the same content; 409 otherwise. */
    private Accepted known(Caller caller, String id, String metadataSm3, String fileSm3) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Licence existing = Licence.findById(id);
            if (existing == null) {
                return null;
            }
            if (!caller.covers(existing.regionCode)) {
                throw ProblemException.forbidden("licence " + id + " is outside this client's region prefix");
            }
            if (existing.metadataSm3.equals(metadataSm3) && existing.fileSm3.equals(fileSm3)) {
                return new Accepted("unchanged", views.view(existing, clock.instant()));
            }
            throw ProblemException.conflict("licence " + id + " is already held here with other content (metadata SM3 "
                    + existing.metadataSm3 + ", file SM3 " + existing.fileSm3 + "); a licence id names one licence");
        });
    }

    private Licence record(Caller caller, ForwardedLicence forwarded, LicenceMetadata metadata, byte[] canonicalMetadata,
            String metadataSm3, LicenceFiles.StoredFile stored, LicenceSealer.Sealed seal, List<CaseOrigin.Hop> path) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Licence licence = new Licence();
        licence.licenceId = metadata.id();
        licence.typeCode = metadata.typeCode();
        licence.issuerCode = metadata.issuerCode();
        licence.regionCode = metadata.regionCode();
        licence.holderIdDigest = personalIds.digest(metadata.holderIdNumber());
        licence.status = forwarded.status().wireName();
        licence.statusSince = forwarded.statusSince();
        licence.statusReason = forwarded.statusReason();
        licence.expiresAt = LicenceLibrary.expiry(metadata, clock.getZone());
        licence.metadata = new String(canonicalMetadata, StandardCharsets.UTF_8);
        licence.metadataSm3 = metadataSm3;
        licence.objectKey = stored.key();
        licence.fileSm3 = stored.sm3();
        licence.fileSize = stored.size();
        licence.contentType = stored.type().contentType();
        licence.sealPayload = seal.payload();
        licence.sealSignature = seal.signature();
        licence.issuedAt = forwarded.issuedAt();
        licence.issuedBy = forwarded.issuedBy();
        licence.revision = forwarded.revision();
        licence.originJson = CaseOrigin.arrivedAt(path, config, now, caller.clientId()).json();
        licence.persistAndFlush();
        if (!LicenceStatus.VALID.wireName().equals(licence.status)) {
            LicenceStatusChange change = statusRow(licence, caller, now);
            change.persistAndFlush();
        }
        audit.record(AuditEntry.of("licence.forwarded", "licence", licence.licenceId, "created")
                .withPersonalId(metadata.holderIdNumber()));
        listeners.forEach(l -> l.stored(licence));
        return licence;
    }

    @Transactional
    public Accepted status(Caller caller, String idText, ForwardedStatus forwarded) {
        requireAggregator(caller);
        LicenceId id = LicenceId.parse(idText);
        List<FieldError> errors = new ArrayList<>();
        if (forwarded == null) {
            throw ProblemException.badRequest("a JSON body is required: a forwarded status change");
        }
        if (forwarded.revision() == null || forwarded.revision() < 1) {
            errors.add(new FieldError("revision", "is required: the licence's revision after this change (1 or more)"));
        }
        if (forwarded.status() == null || forwarded.status() == LicenceStatus.EXPIRED) {
            errors.add(new FieldError("status", "is required: valid, revoked or suspended"));
        }
        if (forwarded.since() == null) {
            errors.add(new FieldError("since", "is required"));
        }
        String reason = forwarded.reason() == null ? null : forwarded.reason().strip();
        if (reason == null || reason.isEmpty() || reason.length() > 500) {
            errors.add(new FieldError("reason", "is required: why the status changed (at most 500 characters)"));
        }
        List<FieldError> originErrors = new ArrayList<>();
        CaseOrigin.readPath(forwarded.origin(), "", originErrors); // optional, but when sent it must be an origin
        originErrors.forEach(e -> errors.add(new FieldError(e.field().startsWith(".") ? e.field().substring(1) : e.field(), e.message())));
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Licence licence = Licence.findById(id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (licence == null || !caller.covers(licence.regionCode)) {
            throw ProblemException.notFound("no licence " + id);
        }
        if (forwarded.revision() <= licence.revision) {
            return new Accepted("unchanged", views.view(licence, clock.instant()));
        }
        if (issuedHere(licence)) {
            // issued at this node: its status is this node's (revocation by its department), never a downstream's;
            // a revision it already holds stays unchanged above (a node forwarding to itself sees its own changes)
            throw ProblemException.forbidden("licence " + id + " was issued at this node (" + config.nodeId()
                    + "), not forwarded from below; a downstream node cannot change its status");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        licence.status = forwarded.status().wireName();
        licence.statusSince = forwarded.since();
        licence.statusReason = reason;
        licence.revision = forwarded.revision();
        LicenceStatusChange change = statusRow(licence, caller, now);
        change.persistAndFlush();
        audit.record(AuditEntry.of("licence.forwarded-status", "licence", licence.licenceId, licence.status));
        listeners.forEach(l -> l.statusChanged(licence, change));
        return new Accepted("applied", views.view(licence, clock.instant()));
    }

    /** True for a licence issued at this node: its origin (absent on old rows) starts here, not below. */
    private boolean issuedHere(Licence licence) {
        if (licence.originJson == null) {
            return true;
        }
        try {
            return config.nodeId().equals(mapper.readTree(licence.originJson).path("node").asText(config.nodeId()));
        } catch (JsonProcessingException e) {
            return true;
        }
    }

    private static LicenceStatusChange statusRow(Licence licence, Caller caller, Instant now) {
        LicenceStatusChange change = new LicenceStatusChange();
        change.licenceId = licence.licenceId;
        change.status = licence.status;
        change.reason = licence.statusReason == null ? "forwarded" : licence.statusReason;
        change.changedAt = now;
        change.changedBy = caller.clientId();
        return change;
    }

    private static void requireAggregator(Caller caller) {
        if (!caller.has(Role.AGGREGATOR)) {
            throw ProblemException.forbidden("only an aggregator client (a downstream hub's link) may forward licences");
        }
    }
}
