package org.govhub.reliability;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.govhub.access.Role;
import org.govhub.licences.LicenceId;
import org.govhub.testing.Clients;

/**
 * Seeded data in two regions, Wenzhou (prefix 3303) and Jiaxing (prefix 3304), one of each resource
 * type the API exposes by id, made through the real API where the API makes them (catalogue items and
 * changes, cases, licences, alerts raised from a case's findings) and by row where only the gap makes
 * them (a ferry submission on a node whose ferry is off). Also one client per role in each region.
 * Every record carries a marker string so a response can be checked for the foreign record's data.
 */
final class TwoRegions {
    static final String OWN = "3303";
    static final String FOREIGN = "3304";
    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis() % 100_000_000L);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one region holds. */
    static final class Region {
        final String prefix;
        final String district;
        final String marker;
        final Map<Role, Clients.Registered> clients = new EnumMap<>(Role.class);
        String itemCode;
        long pendingChangeId;
        String caseNo;
        String licenceId;
        String holderIdNumber;
        long alertId;
        String submissionId;
        String victimClientId;
        /** A licence forwarded up from a county of this region (by this region's aggregator client). */
        String forwardedLicenceId;

        Region(String prefix, String district) {
            this.prefix = prefix;
            this.district = district;
            this.marker = "RELMARK" + prefix + "X" + SEQ.incrementAndGet();
        }

        String token(Role role) {
            return clients.get(role).token();
        }
    }

    final Region own;
    final Region foreign;
    /** Every resident ID number this fixture put into the hub (for the log scan). */
    final List<String> idNumbers = new ArrayList<>();

    private TwoRegions(AgroalDataSource db, Runnable followCaseFeed) {
        own = seed("3303", "330303", db);
        foreign = seed("3304", "330402", db);
        followCaseFeed.run();
        own.alertId = alertFor(db, own);
        foreign.alertId = alertFor(db, foreign);
    }

    /** Seeds both regions; {@code followCaseFeed} lets supervision take the pushed cases in (raising their alerts). */
    static TwoRegions seed(AgroalDataSource db, Runnable followCaseFeed) {
        return new TwoRegions(db, followCaseFeed);
    }

    private Region seed(String prefix, String district, AgroalDataSource db) {
        Region r = new Region(prefix, district);
        for (Role role : Role.values()) {
            r.clients.put(role, Clients.register(prefix, role.wireName()));
        }
        r.itemCode = district + "00" + letters() + "-CF-0001";
        long change = submitItem(r, r.itemCode);
        given().auth().oauth2(r.token(Role.CATALOG_REVIEWER)).contentType(ContentType.JSON).body(Map.of("reason", "依法审核通过"))
                .post("/api/v1/catalog/changes/" + change + "/approval").then().statusCode(200);
        r.pendingChangeId = submitItem(r, district + "00" + letters() + "-CF-0001");

        r.caseNo = "REL-" + prefix + "-" + SEQ.incrementAndGet();
        String idNumber = residentId(district, SEQ.get());
        idNumbers.add(idNumber);
        given().auth().oauth2(r.token(Role.PLATFORM)).contentType(ContentType.JSON)
                .body(Map.of("records", List.of(caseRecord(r, idNumber))))
                .post("/api/v1/cases/batches").then().statusCode(200);

        r.holderIdNumber = residentId(district, SEQ.incrementAndGet());
        idNumbers.add(r.holderIdNumber);
        LicenceId id = newLicenceId();
        r.licenceId = id.toString();
        given().auth().oauth2(r.token(Role.DEPARTMENT))
                .multiPart(new MultiPartSpecBuilder(json(licence(r, id))).controlName("metadata").mimeType("application/json")
                        .charset(StandardCharsets.UTF_8).build())
                .multiPart("file", "licence.pdf", "%PDF-1.7\nreliability".getBytes(StandardCharsets.US_ASCII), "application/octet-stream")
                .post("/api/v1/licences").then().statusCode(201);

        r.submissionId = UUID.randomUUID().toString();
        sql(db, "INSERT INTO ferry_outbox (submission_id, lane, kind, client_id, region_prefix, record_count, payload_bytes,"
                + " payload_sm3, payload, accepted_at, state) VALUES (?, 'cases', 'case-batch', ?, ?, 1, 10, ?, ?, ?, 'accepted')",
                r.submissionId, r.clients.get(Role.PLATFORM).clientId(), prefix, "0".repeat(64), "{\"m\":\"" + r.marker + "\"}",
                OffsetDateTime.now(ZoneOffset.UTC));
        r.victimClientId = Clients.register(prefix, "platform").clientId();

        LicenceId forwarded = newLicenceId();
        r.forwardedLicenceId = forwarded.toString();
        given().auth().oauth2(r.token(Role.AGGREGATOR))
                .multiPart(new MultiPartSpecBuilder(json(forwardedLicence(r, forwarded, FORWARDED_FILE))).controlName("licence")
                        .mimeType("application/json").charset(StandardCharsets.UTF_8).build())
                .multiPart("file", "licence.pdf", FORWARDED_FILE, "application/octet-stream")
                .post("/api/v1/licences/forwarded").then().statusCode(201);
        return r;
    }

    private long submitItem(Region r, String code) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("kind", "add");
        change.put("reason", "可靠性测试事项");
        change.put("sources", List.of());
        change.put("items", List.of(powerItem(r, code)));
        return given().auth().oauth2(r.token(Role.CATALOG_EDITOR)).contentType(ContentType.JSON).body(change)
                .post("/api/v1/items/changes").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A complete penalty item of the region (warning, or a fine of 1,000 to 30,000 yuan). */
    static Map<String, Object> powerItem(Region r, String code) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("code", code);
        item.put("name", "未按规定对从业人员进行安全生产教育和培训" + r.marker);
        item.put("legalBasis", List.of(Map.of("rank", "law", "title", "中华人民共和国安全生产法", "article", "第九十七条")));
        item.put("subject", Map.of("name", "安全生产监督管理局", "nature", "statutory-organ"));
        item.put("handlingDepartment", "执法监察科");
        item.put("address", "浙江省");
        item.put("phone", "0577-88961234");
        item.put("supervisionPhone", "0577-88965678");
        item.put("penaltyKinds", List.of("warning", "fine"));
        item.put("discretionBaseline", List.of(Map.of("penaltyKind", "warning"),
                Map.of("penaltyKind", "fine", "minYuan", 1000, "maxYuan", 30000)));
        item.put("resultsPublished", true);
        return item;
    }

    /** A finished penalty case whose fine (50,000 yuan) is outside the item's baseline: a red alert follows. */
    private static Map<String, Object> caseRecord(Region r, String idNumber) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNo", r.caseNo);
        c.put("itemCode", r.itemCode);
        c.put("regionCode", r.district);
        c.put("dataVersion", 1);
        c.put("applicant", Map.of("name", "某某化工有限公司" + r.marker, "idType", "resident-id", "idNumber", idNumber,
                "contact", "0577-86900000"));
        c.put("subject", "未按规定开展安全生产教育培训的处罚案" + r.marker);
        c.put("acceptedAt", "2026-11-02T09:30:00+08:00");
        c.put("acceptor", "行政服务中心 王五");
        c.put("promisedWorkingDays", 20);
        c.put("status", "finished");
        c.put("steps", List.of(
                step("受理", "accept", "2026-11-02T09:30:00+08:00", "2026-11-02T09:40:00+08:00"),
                step("调查取证", "investigate", "2026-11-03T10:00:00+08:00", "2026-11-05T17:00:00+08:00"),
                step("审核", "review", "2026-11-06T09:00:00+08:00", "2026-11-06T11:00:00+08:00"),
                step("决定", "decide", "2026-11-09T09:00:00+08:00", "2026-11-09T10:00:00+08:00"),
                step("办结", "finish", "2026-11-10T09:00:00+08:00", "2026-11-10T09:30:00+08:00")));
        c.put("materials", List.of(Map.of("name", "现场检查记录", "required", true, "submitted", true)));
        c.put("result", Map.of("decision", "给予罚款处罚", "finishedAt", "2026-11-10T09:30:00+08:00",
                "documentNo", "罚〔2026〕12号", "penalty", Map.of("kind", "fine", "amountYuan", 50000)));
        return c;
    }

    private static Map<String, Object> step(String name, String action, String started, String ended) {
        return Map.of("name", name, "action", action, "post", "窗口", "actor", "王五", "opinion", "同意",
                "startedAt", started, "endedAt", ended);
    }

    static LicenceId newLicenceId() {
        return LicenceId.create("11100000000013338W011", "11330300MB0000000X", Long.toString(SEQ.incrementAndGet()), 1);
    }

    static Map<String, Object> licence(Region r, LicenceId id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id.toString());
        m.put("licenceName", "营业执照");
        m.put("typeName", "营业执照");
        m.put("typeCode", id.typeCode());
        m.put("licenceNumber", "91330303MA2" + id.serial());
        m.put("holderName", "示例贸易有限公司" + r.marker);
        m.put("holderIdType", "统一社会信用代码");
        m.put("holderIdNumber", r.holderIdNumber);
        m.put("issuerName", "市场监督管理局");
        m.put("issuerCode", id.issuerCode());
        m.put("issueDate", "2026-01-05");
        m.put("validFrom", "2026-01-05");
        m.put("validTo", "2036-01-04");
        m.put("regionCode", r.district);
        m.put("relatedLicenceIds", List.of());
        return m;
    }

    /** The file of every forwarded licence the matrix sends. */
    static final byte[] FORWARDED_FILE = "%PDF-1.7\nforwarded reliability".getBytes(StandardCharsets.US_ASCII);

    /** The path forwarded content arrives with: one hop, a county node of the region. */
    static Map<String, Object> countyOrigin(Region r) {
        return Map.of("path", List.of(Map.of("node", "rel-county-" + r.prefix, "region", r.district, "tier", "county",
                "at", "2026-11-20T08:00:00Z", "client", "rel-department")));
    }

    /** The {@code licence} part of a licence forwarded up from a county of the region. */
    static Map<String, Object> forwardedLicence(Region r, LicenceId id, byte[] file) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metadata", licence(r, id));
        m.put("status", "valid");
        m.put("statusSince", "2026-11-20T08:00:00Z");
        m.put("revision", 0);
        m.put("issuedAt", "2026-11-20T08:00:00Z");
        m.put("issuedBy", "rel-department");
        m.put("fileSm3", org.govhub.signing.Sm3.hex(org.govhub.signing.Sm3.digest(file)));
        m.put("fileSize", file.length);
        m.put("origin", countyOrigin(r));
        return m;
    }

    /** An item change a county of the region already reviewed: the add of one new item. */
    static Map<String, Object> forwardedChange(Region r, String code) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("change", "rel-county-" + r.prefix + "/" + SEQ.incrementAndGet());
        m.put("kind", "add");
        m.put("reason", "下级已审核的事项");
        m.put("sources", List.of());
        m.put("items", List.of(powerItem(r, code)));
        m.put("review", Map.of("reviewedBy", "rel-reviewer", "reviewedAt", "2026-11-20T08:00:00Z"));
        m.put("origin", countyOrigin(r));
        return m;
    }

    /** The alert the case's findings raised; one raised by row if supervision did not (it should). */
    private static long alertFor(AgroalDataSource db, Region r) {
        Long id = queryLong(db, "SELECT MIN(id) FROM supervision_alert WHERE case_no = ?", r.caseNo);
        if (id != null) {
            return id;
        }
        throw new IllegalStateException("pushing case " + r.caseNo + " with a fine outside the baseline raised no alert");
    }

    /** Fresh two-letter department codes, counting from MA upward, apart from other fixtures' ranges. */
    private static final AtomicLong LETTERS = new AtomicLong(12 * 26 + (System.nanoTime() % 200));

    static String letters() {
        long n = LETTERS.getAndIncrement() % (26 * 26);
        return "" + (char) ('A' + n / 26) + (char) ('A' + n % 26);
    }

    /** An 18-character resident ID number with a correct GB 11643 check character. */
    static String residentId(String region6, long serial) {
        String body = region6 + "19900101" + String.format("%03d", serial % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sql(AgroalDataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String queryString(AgroalDataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Long queryLong(AgroalDataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getObject(1) != null ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
