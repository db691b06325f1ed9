package org.govhub.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The case library through its public interface: push outcomes, feed paging, signed results. */
class CasesConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String item;

    /** An effective penalty item: a catalog-editor submits it, a different catalog-reviewer approves it. */
    private static synchronized String item() {
        if (item != null) {
            return item;
        }
        String editor = Hub.registeredToken("catalog-editor");
        String reviewer = Hub.registeredToken("catalog-reviewer");
        String county = Hub.nodeRegion();
        Random random = new Random();
        for (int attempt = 0; attempt < 20; attempt++) {
            String code = county + "00" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26)) + "-CF-0001";
            Map<String, Object> document = new java.util.LinkedHashMap<>();
            document.put("code", code);
            document.put("name", "一致性测试处罚事项");
            document.put("legalBasis", List.of(Map.of("rank", "law", "title", "中华人民共和国安全生产法", "article", "第九十七条")));
            document.put("subject", Map.of("name", "安全生产监督管理局", "nature", "statutory-organ"));
            document.put("handlingDepartment", "执法监察科");
            document.put("address", "行政服务中心");
            document.put("phone", "0577-88961234");
            document.put("supervisionPhone", "0577-88965678");
            document.put("penaltyKinds", List.of("warning", "fine"));
            document.put("discretionBaseline", List.of(Map.of("penaltyKind", "warning"),
                    Map.of("penaltyKind", "fine", "minYuan", 1000, "maxYuan", 30000)));
            document.put("resultsPublished", true);
            Response submitted = Hub.anonymous().auth().oauth2(editor).contentType(ContentType.JSON)
                    .body(Map.of("kind", "add", "reason", "conformance", "sources", List.of(), "items", List.of(document)))
                    .post("/api/v1/items/changes");
            if (submitted.statusCode() == 409) {
                continue; // the code is taken on this node; draw another
            }
            assertEquals(201, submitted.statusCode(), submitted.asString());
            long change = submitted.jsonPath().getLong("id");
            Hub.anonymous().auth().oauth2(reviewer).contentType(ContentType.JSON).body(Map.of("reason", "通过"))
                    .post("/api/v1/catalog/changes/" + change + "/approval").then().statusCode(200);
            return item = code;
        }
        throw new IllegalStateException("no free item code found");
    }

    private static ObjectNode record(String caseNo, long version, long amountYuan) {
        ObjectNode r = JSON.createObjectNode();
        r.put("caseNo", caseNo).put("itemCode", item()).put("regionCode", Hub.nodeRegion()).put("dataVersion", version);
        r.putObject("applicant").put("name", "张𠀀").put("idType", "resident-id").put("idNumber", "33030319900101123X");
        r.put("subject", "未按规定开展安全生产教育培训").put("acceptedAt", "2026-11-02T09:30:00+08:00").put("acceptor", "王五");
        r.put("status", "finished");
        ArrayNode steps = r.putArray("steps");
        steps.addObject().put("name", "受理").put("action", "accept").put("startedAt", "2026-11-02T09:30:00+08:00");
        steps.addObject().put("name", "办结").put("action", "finish").put("startedAt", "2026-11-10T09:00:00+08:00");
        ObjectNode result = r.putObject("result").put("decision", "给予罚款处罚").put("finishedAt", "2026-11-10T09:30:00+08:00");
        result.putObject("penalty").put("kind", "fine").put("amountYuan", amountYuan);
        return r;
    }

    private static JsonPath push(String token, List<ObjectNode> records) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        records.forEach(body.putArray("records")::add);
        return Hub.anonymous().auth().oauth2(token).contentType(ContentType.JSON).body(JSON.writeValueAsString(body))
                .post("/api/v1/cases/batches").then().statusCode(200).extract().jsonPath();
    }

    private static String caseNo() {
        return "conf-" + System.nanoTime();
    }

    @Test
    void pushOutcomesAreCreatedUnchangedUpdatedStale() throws Exception {
        String platform = Hub.registeredToken("platform");
        String a = caseNo();
        String b = caseNo();
        assertEquals(List.of("created", "created"), push(platform, List.of(record(a, 2, 20000), record(b, 1, 20000))).getList("records.outcome"));
        assertEquals(List.of("unchanged", "unchanged"), push(platform, List.of(record(a, 2, 20000), record(b, 1, 20000))).getList("records.outcome"));
        assertEquals(List.of("stale", "updated"), push(platform, List.of(record(a, 1, 10000), record(b, 2, 10000))).getList("records.outcome"));
        Hub.anonymous().auth().oauth2(platform).get("/api/v1/cases/" + a).then().statusCode(200)
                .body("dataVersion", org.hamcrest.Matchers.equalTo(2))
                .body("record.result.penalty.amountYuan", org.hamcrest.Matchers.equalTo(20000));
    }

    @Test
    void brokenRecordIsRejectedAloneWithItsFields() throws Exception {
        String platform = Hub.registeredToken("platform");
        ObjectNode broken = record(caseNo(), 1, 20000);
        broken.put("dataVersion", "one");
        JsonPath answer = push(platform, List.of(record(caseNo(), 1, 20000), broken));
        assertEquals(List.of("created", "rejected"), answer.getList("records.outcome"));
        assertEquals("records[1].dataVersion", answer.getString("records[1].errors[0].field"));
    }

    @Test
    void penaltyOutsideTheDiscretionBaselineIsFlagged() throws Exception {
        String platform = Hub.registeredToken("platform");
        assertEquals(List.of("penalty-outside-discretion"),
                push(platform, List.of(record(caseNo(), 1, 50000))).getList("records[0].findings"));
    }

    @Test
    void feedPagesHoldEveryPushedVersionOnceInPositionOrder() throws Exception {
        String platform = Hub.registeredToken("platform");
        String aggregator = Hub.registeredToken("aggregator");
        JsonPath head = Hub.anonymous().auth().oauth2(aggregator).queryParam("after", 0).queryParam("limit", 5000)
                .get("/api/v1/cases/changes").then().statusCode(200).extract().jsonPath();
        long cursor = head.getLong("nextCursor");
        while (head.getBoolean("hasMore")) {
            head = Hub.anonymous().auth().oauth2(aggregator).queryParam("after", cursor).queryParam("limit", 5000)
                    .get("/api/v1/cases/changes").then().extract().jsonPath();
            cursor = head.getLong("nextCursor");
        }
        Set<String> pushed = new HashSet<>();
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String no = caseNo();
            batch.add(record(no, 1, 20000));
            pushed.add(no + "@1");
        }
        push(platform, batch);
        Set<String> seen = new HashSet<>();
        long previous = cursor;
        while (true) {
            JsonPath page = Hub.anonymous().auth().oauth2(aggregator).queryParam("after", cursor).queryParam("limit", 3)
                    .get("/api/v1/cases/changes").then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> entry : page.<Map<String, Object>>getList("entries")) {
                long position = ((Number) entry.get("position")).longValue();
                assertTrue(position > previous);
                previous = position;
                assertTrue(seen.add(entry.get("caseNo") + "@" + entry.get("dataVersion")));
            }
            cursor = page.getLong("nextCursor");
            if (!page.getBoolean("hasMore")) {
                break;
            }
        }
        assertEquals(pushed, seen);
    }

    @Test
    void signedResultVerifiesWithOpensslAndTheHubCertificate() throws Exception {
        String platform = Hub.registeredToken("platform");
        String no = caseNo();
        push(platform, List.of(record(no, 1, 20000)));
        Response result = Hub.anonymous().auth().oauth2(platform).get("/api/v1/cases/" + no + "/result");
        assertEquals(200, result.statusCode());
        byte[] body = result.asByteArray();
        Path dir = Files.createTempDirectory("conformance-case-result");
        Files.writeString(dir.resolve("cert.pem"), Hub.anonymous().get("/api/v1/signing/certificate").asString());
        Files.write(dir.resolve("result.json"), body);
        Files.write(dir.resolve("result.sig"), Base64.getDecoder().decode(result.header("X-Signature")));
        assertEquals(0, openssl(dir, "x509", "-in", "cert.pem", "-pubkey", "-noout", "-out", "pub.pem"));
        assertEquals(0, openssl(dir, "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", "distid:1234567812345678",
                "-signature", "result.sig", "result.json"));
        byte[] tampered = body.clone();
        tampered[tampered.length - 2] ^= 1;
        Files.write(dir.resolve("result.json"), tampered);
        assertFalse(openssl(dir, "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", "distid:1234567812345678",
                "-signature", "result.sig", "result.json") == 0);
        JsonNode document = JSON.readTree(body);
        assertEquals(no, document.get("caseNo").asText());
    }

    private static int openssl(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return process.exitValue();
    }
}
