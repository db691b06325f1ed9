package org.govhub.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** One version of a case exactly as received (append-only). Written by {@link CaseStore}. */
@Entity
@Table(name = "case_version")
@IdClass(CaseVersion.Key.class)
public class CaseVersion extends PanacheEntityBase {
    @Id
    @Column(name = "case_no")
    public String caseNo;

    @Id
    @Column(name = "data_version")
    public long dataVersion;

    @Column(name = "item_code")
    public String itemCode;

    @Column(name = "region_code")
    public String regionCode;

    public String status;

    @Column(name = "content_sm3")
    public String contentSm3;

    /** The canonical JSON of the record ({@link CaseJson}). */
    @Column(name = "record_json")
    public String recordJson;

    @Column(name = "source_client")
    public String sourceClient;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "batch_id")
    public String batchId;

    /** Where the version came from and the path it travelled ({@link CaseOrigin}); null for versions stored before issue 7. */
    @Column(name = "origin_json")
    public String originJson;

    public static CaseVersion of(String caseNo, long dataVersion) {
        return findById(new Key(caseNo, dataVersion));
    }

    /** Every version of the case, oldest first. */
    public static List<CaseVersion> allOf(String caseNo) {
        return list("caseNo = ?1 order by dataVersion", caseNo);
    }

    public record Key(String caseNo, long dataVersion) implements Serializable {
        public Key {
        }

        public Key() {
            this(null, 0);
        }
    }
}
