package org.govhub.licences;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A licence in the library, as stored. The file itself is in the licence bucket under
 * {@link #objectKey}; {@link #metadata} is the canonical JSON whose SM3 is {@link #metadataSm3}.
 */
@Entity
@Table(name = "licence")
public class Licence extends PanacheEntityBase {
    @Id
    @Column(name = "licence_id")
    public String licenceId;

    @Column(name = "type_code")
    public String typeCode;

    @Column(name = "issuer_code")
    public String issuerCode;

    @Column(name = "region_code")
    public String regionCode;

    /** Salted SM3 of the holder's ID number ({@link org.govhub.audit.PersonalIdDigest}). */
    @Column(name = "holder_id_digest")
    public String holderIdDigest;

    /** The stored status: valid, revoked or suspended. Expiry is computed, see {@link #statusAt}. */
    @Column(name = "status")
    public String status;

    @Column(name = "status_since")
    public Instant statusSince;

    @Column(name = "status_reason")
    public String statusReason;

    /** The first instant the licence is no longer valid (the day after validTo, hub time zone); null when long-term. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "metadata")
    public String metadata;

    @Column(name = "metadata_sm3")
    public String metadataSm3;

    @Column(name = "object_key")
    public String objectKey;

    @Column(name = "file_sm3")
    public String fileSm3;

    @Column(name = "file_size")
    public long fileSize;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "seal_payload")
    public String sealPayload;

    @Column(name = "seal_signature")
    public String sealSignature;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "issued_by")
    public String issuedBy;

    /** Where the licence entered the exchange and its path ({@code {node, region, path}}); null for old rows. */
    @Column(name = "origin_json")
    public String originJson;

    /** Status changes at the issuing node: 0 when issued, +1 per revocation or suspension. (id, revision) is a licence version. */
    @Column(name = "revision")
    public int revision;

    /** The status as it stands at the given instant: a valid licence past its validity period is expired. */
    public LicenceStatus statusAt(Instant now) {
        LicenceStatus stored = LicenceStatus.parse(status);
        if (stored == LicenceStatus.VALID && expiresAt != null && !now.isBefore(expiresAt)) {
            return LicenceStatus.EXPIRED;
        }
        return stored;
    }

    /** When the status at the given instant began. */
    public Instant statusSinceAt(Instant now) {
        return statusAt(now) == LicenceStatus.EXPIRED ? expiresAt : statusSince;
    }
}
