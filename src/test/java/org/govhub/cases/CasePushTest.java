package org.govhub.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@HubTest
class CasePushTest {
    static final String UNKNOWN_ITEM = "33030300AJ-CF-9999";

    @Inject
    AgroalDataSource dataSource;

    private static String item() {
        return CatalogFixture.luchengItem();
    }

    private static List<ObjectNode> fresh(String tag, int count) {
        String code = item();
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(CaseSamples.record(CaseSamples.caseNo(tag), code, "330302", 1));
        }
        return records;
    }

    @Test
    void sameBatchPushedTwiceIsAllUnchangedTheSecondTime() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        List<ObjectNode> batch = fresh("twice", 25);
        JsonPath first = CaseApi.pushed(platform.token(), batch);
        assertEquals(25, first.getInt("created"));
        long feedBefore = count("select count(*) from case_feed where case_no like ?", "twice-%");
        JsonPath second = CaseApi.pushed(platform.token(), batch);
        assertEquals(java.util.Collections.nCopies(25, "unchanged"), CaseApi.outcomes(second));
        assertEquals(25, second.getInt("unchanged"));
        assertEquals(feedBefore, count("select count(*) from case_feed where case_no like ?", "twice-%"));
        for (ObjectNode record : batch) {
            assertEquals(1, count("select count(*) from case_version where case_no = ?", record.get("caseNo").asText()));
        }
    }

    @Test
    void lowerDataVersionIsStaleAndChangesNothing() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        String caseNo = CaseSamples.caseNo("stale");
        ObjectNode v3 = CaseSamples.record(caseNo, item(), "330302", 3);
        CaseApi.pushed(platform.token(), List.of(v3));
        String storedBefore = text("select record_json from case_version where case_no = ?", caseNo);
        String stateBefore = text("select content_sm3 || '/' || data_version || '/' || received_at from case_state where case_no = ?", caseNo);
        long feedBefore = count("select count(*) from case_feed where case_no = ?", caseNo);
        ObjectNode v2 = CaseSamples.record(caseNo, item(), "330302", 2);
        v2.put("subject", "旧版本的案由");
        JsonPath answer = CaseApi.pushed(platform.token(), List.of(v2));
        assertEquals("stale", answer.getString("records[0].outcome"));
        assertEquals(3, answer.getLong("records[0].storedVersion"));
        assertEquals(1, count("select count(*) from case_version where case_no = ?", caseNo));
        assertEquals(storedBefore, text("select record_json from case_version where case_no = ?", caseNo));
        assertEquals(stateBefore, text("select content_sm3 || '/' || data_version || '/' || received_at from case_state where case_no = ?", caseNo));
        assertEquals(feedBefore, count("select count(*) from case_feed where case_no = ?", caseNo));
        assertEquals(0, count("select count(*) from case_finding where case_no = ? and data_version = 2", caseNo));
    }

    @Test
    void higherDataVersionUpdatesAndKeepsEveryEarlierVersion() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        String caseNo = CaseSamples.caseNo("update");
        CaseApi.pushed(platform.token(), List.of(CaseSamples.record(caseNo, item(), "330302", 1)));
        ObjectNode v2 = CaseSamples.record(caseNo, item(), "330302", 2);
        v2.put("status", "withdrawn");
        JsonPath answer = CaseApi.pushed(platform.token(), List.of(v2));
        assertEquals("updated", answer.getString("records[0].outcome"));
        assertEquals(2, count("select count(*) from case_version where case_no = ?", caseNo));
        assertEquals("withdrawn", text("select status from case_state where case_no = ?", caseNo));
    }

    @Test
    void batchOf999GoodRecordsAndOneBrokenStores999AndNamesTheBrokenFields() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        List<ObjectNode> batch = fresh("nines", 1000);
        ObjectNode broken = batch.get(517);
        ((ObjectNode) broken.get("applicant")).put("idNumber", "3303031990010112");
        broken.put("acceptedAt", "2026-13-40T09:30:00+08:00");
        ((ObjectNode) broken.get("result").get("penalty")).put("amountYuan", "两万元");
        JsonPath answer = CaseApi.pushed(platform.token(), batch);
        assertEquals(999, answer.getInt("created"));
        assertEquals(1, answer.getInt("rejected"));
        assertEquals("rejected", answer.getString("records[517].outcome"));
        assertEquals(List.of("records[517].acceptedAt", "records[517].applicant.idNumber", "records[517].result.penalty.amountYuan"),
                answer.getList("records[517].errors.field", String.class).stream().sorted().toList());
        String brokenNo = broken.get("caseNo").asText();
        assertEquals(0, count("select count(*) from case_version where case_no = ?", brokenNo));
        assertEquals(0, count("select count(*) from case_state where case_no = ?", brokenNo));
        assertEquals(0, count("select count(*) from case_feed where case_no = ?", brokenNo));
        long stored = 0;
        for (ObjectNode record : batch) {
            stored += count("select count(*) from case_state where case_no = ?", record.get("caseNo").asText());
        }
        assertEquals(999, stored);
    }

    @Test
    void chineseTextInAnyScriptRoundTripsExactly() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        String caseNo = CaseSamples.caseNo("scripts");
        ObjectNode record = CaseSamples.record(caseNo, item(), "330302", 1);
        record.put("subject", CaseSamples.MULTI_SCRIPT);
        ((ObjectNode) record.get("applicant")).put("name", "𠀀𠀁𪚥 王𡒄");
        CaseApi.pushed(platform.token(), List.of(record));
        byte[] body = CaseApi.read(platform.token(), caseNo).statusCode(200).extract().asByteArray();
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("\"subject\":\"" + CaseSamples.MULTI_SCRIPT + "\""), "sent as UTF-8, not escaped: " + text);
        JsonPath read = new JsonPath(text);
        assertArrayEquals(CaseSamples.MULTI_SCRIPT.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                read.getString("record.subject").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("𠀀𠀁𪚥 王𡒄", read.getString("record.applicant.name"));
        assertEquals(1, count("select count(*) from case_version where case_no = ? and position('𠀀𠀁丽水' in record_json) > 0", caseNo));
    }

    /** Backslashes, quotes, tabs and line breaks are escaped twice on the way in (JSON, then COPY's text format). */
    @Test
    void textWithBackslashesQuotesTabsAndLineBreaksIsStoredExactly() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        String caseNo = CaseSamples.caseNo("escapes");
        String subject = "C:\\材料\\n 不是换行 \"引号\"\t制表\n第二行\r\n第三行 \\N";
        ObjectNode record = CaseSamples.record(caseNo, item(), "330302", 1);
        record.put("subject", subject);
        CaseApi.pushed(platform.token(), List.of(record));
        String stored = text("select record_json from case_version where case_no = ?", caseNo);
        assertEquals(subject, new com.fasterxml.jackson.databind.ObjectMapper().readTree(stored).get("subject").asText());
        assertEquals(subject, new JsonPath(CaseApi.read(platform.token(), caseNo).statusCode(200).extract().asString())
                .getString("record.subject"));
        assertEquals("unchanged", CaseApi.pushed(platform.token(), List.of(record)).getString("records[0].outcome"));
    }

    @Test
    void everyVersionCarriesItsReceptionTimeSourceClientAndOneAuditRowPerBatch() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        List<ObjectNode> batch = fresh("audited", 3);
        JsonPath answer = CaseApi.pushed(platform.token(), batch);
        String batchId = answer.getString("batchId");
        String caseNo = batch.get(0).get("caseNo").asText();
        assertEquals(platform.clientId(), text("select source_client from case_version where case_no = ?", caseNo));
        assertEquals(batchId, text("select batch_id from case_version where case_no = ?", caseNo));
        assertTrue(count("select count(*) from case_version where case_no = ? and received_at is not null", caseNo) == 1);
        assertEquals(1, count("select count(*) from audit_event where resource_id = ?", batchId));
        assertEquals("c3 u0 n0 s0 r0", text("select outcome from audit_event where resource_id = ?", batchId));
        assertEquals(platform.clientId(), text("select client_id from audit_event where resource_id = ?", batchId));
    }

    @Test
    void platformOf3303CannotPushOrReadACaseOf3304() throws Exception {
        CatalogFixture jinhua = new CatalogFixture("3304");
        String item3304 = jinhua.effectivePenaltyItem("33040200");
        Clients.Registered platform3304 = Clients.register("3304", "platform");
        Clients.Registered platform3303 = Clients.register("3303", "platform");
        String caseNo = CaseSamples.caseNo("jiaxing");
        CaseApi.pushed(platform3304.token(), List.of(CaseSamples.record(caseNo, item3304, "330402", 1)));
        String before = text("select content_sm3 from case_state where case_no = ?", caseNo);

        JsonPath sameRegion = CaseApi.pushed(platform3303.token(), List.of(CaseSamples.record(caseNo, item3304, "330402", 2)));
        assertEquals("rejected", sameRegion.getString("records[0].outcome"));
        assertEquals(List.of("records[0].regionCode"), sameRegion.getList("records[0].errors.field"));
        JsonPath moved = CaseApi.pushed(platform3303.token(), List.of(CaseSamples.record(caseNo, item(), "330302", 2)));
        assertEquals("rejected", moved.getString("records[0].outcome"));
        assertEquals(List.of("records[0].caseNo"), moved.getList("records[0].errors.field"));
        assertEquals(1, count("select count(*) from case_version where case_no = ?", caseNo));
        assertEquals(before, text("select content_sm3 from case_state where case_no = ?", caseNo));

        CaseApi.read(platform3303.token(), caseNo).statusCode(404).contentType("application/problem+json");
        CaseApi.versions(platform3303.token(), caseNo).statusCode(404);
        given().auth().oauth2(platform3303.token()).get("/api/v1/cases/" + caseNo + "/result").then().statusCode(404);
        CaseApi.read(platform3304.token(), caseNo).statusCode(200);
    }

    @Test
    void itemSubmittedButNotYetApprovedIsRejected() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        String proposed = new CatalogFixture("3303").proposedPenaltyItem("33030200");
        String caseNo = CaseSamples.caseNo("proposed");
        JsonPath answer = CaseApi.pushed(platform.token(), List.of(CaseSamples.record(caseNo, proposed, "330302", 1)));
        assertEquals("rejected", answer.getString("records[0].outcome"));
        assertEquals(List.of("records[0].itemCode"), answer.getList("records[0].errors.field"));
        assertEquals(0, count("select count(*) from case_state where case_no = ?", caseNo));
    }

    @Test
    void pushingTheSameNewCasesFromTwoClientsAtOnceStoresEachVersionOnce() throws Exception {
        Clients.Registered first = Clients.register("3303", "platform");
        Clients.Registered second = Clients.register("3303", "platform");
        List<ObjectNode> batch = fresh("race", 200);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> CaseApi.pushed(first.token(), batch));
            var b = pool.submit(() -> CaseApi.pushed(second.token(), batch));
            JsonPath answerA = a.get();
            JsonPath answerB = b.get();
            assertEquals(200, answerA.getInt("created") + answerB.getInt("created"));
            assertEquals(200, answerA.getInt("unchanged") + answerB.getInt("unchanged"));
        } finally {
            pool.shutdownNow();
        }
        for (ObjectNode record : batch) {
            assertEquals(1, count("select count(*) from case_version where case_no = ?", record.get("caseNo").asText()));
        }
    }

    @Test
    void batchOfMoreThanAThousandRecordsIsRefusedWith413() {
        Clients.Registered platform = Clients.register("3303", "platform");
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            records.add(CaseSamples.record(CaseSamples.caseNo("big"), UNKNOWN_ITEM, "330303", 1));
        }
        given().auth().oauth2(platform.token()).contentType(ContentType.JSON).body(CaseSamples.batch(records).toString())
                .post("/api/v1/cases/batches")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("at most 1000 records")).body("maxRecords", equalTo(1000));
    }

    @Test
    void emptyBatchIsAProblemNamingRecords() {
        Clients.Registered platform = Clients.register("3303", "platform");
        given().auth().oauth2(platform.token()).contentType(ContentType.JSON).body("{\"records\":[]}")
                .post("/api/v1/cases/batches")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("records"));
    }

    @Test
    void malformedJsonIsAProblem() {
        Clients.Registered platform = Clients.register("3303", "platform");
        given().auth().oauth2(platform.token()).contentType(ContentType.JSON).body("{\"records\":[{\"caseNo\":")
                .post("/api/v1/cases/batches")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void elementsThatAreNotRecordsAreRejectedByPositionAndOtherMembersAreIgnored() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        ObjectNode good = fresh("stream-mixed", 1).get(0);
        String body = "{\"note\":{\"records\":[1,2]},\"records\":[null,5,\"x\"," + good + "],\"after\":[{\"a\":1}]}";
        given().auth().oauth2(platform.token()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cases/batches")
                .then().statusCode(200).body("created", equalTo(1)).body("rejected", equalTo(3))
                .body("records[0].errors[0].field", equalTo("records[0]"))
                .body("records[2].errors[0].field", equalTo("records[2]"))
                .body("records[3].outcome", equalTo("created"));
        assertEquals(1, count("select count(*) from case_version where case_no = ?", good.get("caseNo").asText()));
    }

    @Test
    void bodyThatBreaksOffAfterItsRecordsStoresNothing() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        ObjectNode good = fresh("stream-cut", 1).get(0);
        for (String cut : List.of("{\"records\":[" + good + "],\"more\":", "{\"records\":[" + good + ",", "{\"records\":[" + good)) {
            given().auth().oauth2(platform.token()).contentType(ContentType.JSON).body(cut)
                    .post("/api/v1/cases/batches")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        assertEquals(0, count("select count(*) from case_version where case_no = ?", good.get("caseNo").asText()));
    }

    @Test
    void secondRecordsMemberOrABodyThatIsNoObjectIsAProblemNamingRecords() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        List<ObjectNode> two = fresh("stream-twice", 2);
        for (String body : List.of("{\"records\":[" + two.get(0) + "],\"records\":[" + two.get(1) + "]}",
                "[" + two.get(0) + "]", "{\"records\":" + two.get(0) + "}", "{\"rows\":[]}")) {
            given().auth().oauth2(platform.token()).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/cases/batches")
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("records"));
        }
        for (ObjectNode record : two) {
            assertEquals(0, count("select count(*) from case_version where case_no = ?", record.get("caseNo").asText()));
        }
    }

    @Test
    void onlyPlatformClientsMayPush() {
        Clients.Registered aggregator = Clients.register("33", "aggregator");
        given().auth().oauth2(aggregator.token()).contentType(ContentType.JSON)
                .body(CaseSamples.batch(List.of(CaseSamples.record(CaseSamples.caseNo("role"), UNKNOWN_ITEM, "330303", 1))).toString())
                .post("/api/v1/cases/batches")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void recordOutsideTheClientsRegionIsRejectedAndNotStored() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        String caseNo = CaseSamples.caseNo("other-city");
        given().auth().oauth2(platform.token()).contentType(ContentType.JSON)
                .body(CaseSamples.batch(List.of(CaseSamples.record(caseNo, "33040200AJ-CF-0001", "330402", 1))).toString())
                .post("/api/v1/cases/batches")
                .then().statusCode(200).body("rejected", equalTo(1))
                .body("records[0].outcome", equalTo("rejected"))
                .body("records[0].errors.field", hasItem("records[0].regionCode"));
        assertEquals(0, count("select count(*) from case_version where case_no = ?", caseNo));
    }

    @Test
    void unknownItemCodeIsRejectedAndNotStored() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        String caseNo = CaseSamples.caseNo("unknown-item");
        given().auth().oauth2(platform.token()).contentType(ContentType.JSON)
                .body(CaseSamples.batch(List.of(CaseSamples.record(caseNo, UNKNOWN_ITEM, "330303", 1))).toString())
                .post("/api/v1/cases/batches")
                .then().statusCode(200)
                .body("records[0].outcome", equalTo("rejected"))
                .body("records[0].errors[0].field", equalTo("records[0].itemCode"))
                .body("records[0].errors[0].message", containsString("not in the effective catalogue"));
        assertEquals(0, count("select count(*) from case_version where case_no = ?", caseNo));
        assertEquals(0, count("select count(*) from case_state where case_no = ?", caseNo));
    }

    String text(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    long count(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
