package org.govhub.licences;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.response.Response;
import io.restassured.specification.MultiPartSpecification;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Builds licence metadata and files and issues them through the real API. */
final class LicenceFixtures {
    static final String TYPE_CODE = "11100000000013338W011";
    static final String ISSUER_CODE = "11330300MB0000000X";
    static final String PURPOSE = "case 33030300AJ-XK-0001-2026-000042";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis() * 1000);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private LicenceFixtures() {
    }

    static LicenceId newId() {
        return LicenceId.create(TYPE_CODE, ISSUER_CODE, Long.toString(SERIAL.incrementAndGet()), 1);
    }

    /** A unique holder ID number, 18 characters like a resident ID. */
    static String newHolderIdNumber() {
        return String.format("330303%011d", SERIAL.incrementAndGet() % 100_000_000_000L) + "X";
    }

    static Map<String, Object> metadata(LicenceId id, String regionCode, String holderIdNumber, LocalDate validTo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id.toString());
        m.put("licenceName", "营业执照");
        m.put("typeName", "营业执照");
        m.put("typeCode", id.typeCode());
        m.put("licenceNumber", "91330303MA2" + id.serial());
        m.put("holderName", "温州市龙湾区示例贸易有限公司");
        m.put("holderIdType", "统一社会信用代码");
        m.put("holderIdNumber", holderIdNumber);
        m.put("issuerName", "温州市龙湾区市场监督管理局");
        m.put("issuerCode", id.issuerCode());
        m.put("issueDate", "2026-01-05");
        m.put("validFrom", "2026-01-05");
        if (validTo == null) {
            m.put("longTerm", true);
        } else {
            m.put("validTo", validTo.toString());
        }
        m.put("regionCode", regionCode);
        m.put("relatedLicenceIds", List.of());
        return m;
    }

    static Map<String, Object> metadata(String regionCode) {
        return metadata(newId(), regionCode, newHolderIdNumber(), LocalDate.of(2036, 1, 4));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PDF-looking file: the %PDF- magic, then deterministic noise. */
    static byte[] pdf(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] magic = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, bytes, 0, Math.min(magic.length, size));
        return bytes;
    }

    static Response issue(String token, Map<String, Object> metadata, byte[] file, String fileName) {
        return given().auth().oauth2(token)
                .multiPart(metadataPart(metadata))
                .multiPart("file", fileName, file, "application/octet-stream")
                .post("/api/v1/licences");
    }

    /** The metadata part as UTF-8 JSON (RestAssured would otherwise encode it as ISO-8859-1). */
    static MultiPartSpecification metadataPart(Map<String, Object> metadata) {
        return new MultiPartSpecBuilder(json(metadata)).controlName("metadata").mimeType("application/json")
                .charset(StandardCharsets.UTF_8).build();
    }

    static Response issue(String token, Map<String, Object> metadata, byte[] file) {
        return issue(token, metadata, file, "licence.pdf");
    }
}
