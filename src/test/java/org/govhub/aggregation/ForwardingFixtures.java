package org.govhub.aggregation;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.MultiPartSpecification;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.govhub.licences.LicenceId;
import org.govhub.signing.Sm3;

/**
 * Licences and forwarded requests as the forwarding tests need them: metadata of a Longwan (330303)
 * licence, a PDF-looking file, and the bodies a downstream hub ("lw-county") forwards.
 */
final class ForwardingFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DOWNSTREAM_NODE = "lw-county";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis() * 1000 + 7);

    private ForwardingFixtures() {
    }

    static LicenceId newId() {
        return LicenceId.create("11100000000013338W011", "11330300MB0000000X", Long.toString(SERIAL.incrementAndGet()), 1);
    }

    static Map<String, Object> metadata(LicenceId id, String regionCode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id.toString());
        m.put("licenceName", "营业执照");
        m.put("typeName", "营业执照");
        m.put("typeCode", id.typeCode());
        m.put("licenceNumber", "91330303MA2" + id.serial());
        m.put("holderName", "温州市龙湾区示例贸易有限公司");
        m.put("holderIdType", "统一社会信用代码");
        m.put("holderIdNumber", String.format("330303%011d", SERIAL.incrementAndGet() % 100_000_000_000L) + "X");
        m.put("issuerName", "温州市龙湾区市场监督管理局");
        m.put("issuerCode", id.issuerCode());
        m.put("issueDate", "2026-01-05");
        m.put("validFrom", "2026-01-05");
        m.put("validTo", "2036-01-04");
        m.put("longTerm", false);
        m.put("regionCode", regionCode);
        m.put("relatedLicenceIds", List.of());
        return m;
    }

    static byte[] pdf(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] magic = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }

    static String sm3(byte[] bytes) {
        return Sm3.hex(Sm3.digest(bytes));
    }

    static MultiPartSpecification jsonPart(String name, Object value) {
        try {
            return new MultiPartSpecBuilder(JSON.writeValueAsString(value)).controlName(name).mimeType("application/json")
                    .charset(StandardCharsets.UTF_8).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Issues a licence at this hub through the real API (a department of the given prefix). */
    static Response issue(String token, Map<String, Object> metadata, byte[] file) {
        return given().auth().oauth2(token).multiPart(jsonPart("metadata", metadata))
                .multiPart("file", "licence.pdf", file, "application/octet-stream").post("/api/v1/licences");
    }

    /** The path a licence or change arrives with from the county below: one hop, the county's. */
    static ObjectNode countyOrigin() {
        ObjectNode origin = JSON.createObjectNode();
        ArrayNode path = origin.putArray("path");
        path.addObject().put("node", DOWNSTREAM_NODE).put("region", "330303").put("tier", "county")
                .put("at", "2026-11-20T08:00:00Z").put("client", "lw-department");
        return origin;
    }

    /** Adds what a change approved at the county carries up: its reviewer's record and the path. */
    static ObjectNode reviewedAtCounty(ObjectNode change) {
        change.putObject("review").put("submittedBy", "lw-editor").put("submittedAt", "2026-11-20T07:00:00Z")
                .put("reviewedBy", "lw-reviewer").put("reviewedAt", "2026-11-20T08:00:00Z").put("note", "依法审核通过");
        change.set("origin", countyOrigin());
        return change;
    }

    static Response forwardChange(String token, ObjectNode change) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(change.toString())
                .post("/api/v1/items/forwarded-changes");
    }

    /** The one number a {@code SELECT count(*) … WHERE … = ?} query answers. */
    static long count(AgroalDataSource db, String sql, String arg) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The {@code licence} part of a forwarded licence as the county sends it. */
    static ObjectNode forwardedLicence(Map<String, Object> metadata, byte[] file) {
        ObjectNode licence = JSON.createObjectNode();
        licence.set("metadata", JSON.valueToTree(metadata));
        licence.put("status", "valid");
        licence.put("statusSince", "2026-11-20T08:00:00Z");
        licence.putNull("statusReason");
        licence.put("revision", 0);
        licence.put("issuedAt", "2026-11-20T08:00:00Z");
        licence.put("issuedBy", "lw-department");
        licence.put("fileSm3", sm3(file));
        licence.put("fileSize", file.length);
        licence.set("origin", countyOrigin());
        return licence;
    }

    static Response forwardLicence(String token, ObjectNode licence, byte[] file) {
        var request = given().auth().oauth2(token).multiPart(jsonPart("licence", licence));
        if (file != null) {
            request = request.multiPart("file", "licence.pdf", file, "application/octet-stream");
        }
        return request.post("/api/v1/licences/forwarded");
    }
}
