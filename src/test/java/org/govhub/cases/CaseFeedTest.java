package org.govhub.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@HubTest
class CaseFeedTest {

    @Inject
    AgroalDataSource dataSource;

    private static String item() {
        return CatalogFixture.luchengItem();
    }

    /**
     * Four platforms push 20,000 new cases (and re-version some of them) in batches of 500 while an
     * aggregator pages the feed over HTTP: the union of the pages is exactly the set of versions
     * stored, with no entry twice.
     */
    @Test
    void pagingDuringConcurrentPushesReturnsEveryStoredVersionExactlyOnce() throws Exception {
        String tag = CaseSamples.caseNo("feedhttp");
        Clients.Registered aggregator = Clients.register("3303", "aggregator");
        List<Clients.Registered> platforms = List.of(Clients.register("3303", "platform"), Clients.register("3303", "platform"),
                Clients.register("3303", "platform"), Clients.register("3303", "platform"));
        long start = lastPosition();
        int batches = 10; // issue #4: at least 20,000 records
        int size = 500;
        String code = item();
        ExecutorService pool = Executors.newFixedThreadPool(platforms.size() + 1);
        AtomicBoolean pushing = new AtomicBoolean(true);
        try {
            List<Future<Integer>> pushes = new ArrayList<>();
            for (int p = 0; p < platforms.size(); p++) {
                int platform = p;
                pushes.add(pool.submit(() -> {
                    int written = 0;
                    for (int b = 0; b < batches; b++) {
                        List<ObjectNode> batch = new ArrayList<>(size + 5);
                        for (int i = 0; i < size; i++) {
                            batch.add(CaseSamples.record(tag + "-" + platform + "-" + b + "-" + i, code, "330302", 1));
                        }
                        if (b > 0) {
                            // re-version five cases of the previous batch: updates travel the feed too
                            for (int i = 0; i < 5; i++) {
                                batch.add(CaseSamples.record(tag + "-" + platform + "-" + (b - 1) + "-" + i, code, "330302", 2));
                            }
                        }
                        JsonPath answer = CaseApi.pushed(platforms.get(platform).token(), batch);
                        written += answer.getInt("created") + answer.getInt("updated");
                    }
                    return written;
                }));
            }
            final long from = start;
            // Pages are read with Jackson: with RestAssured's JsonPath, parsing the pages on the same two
            // cores as the pushes made this test take 39 s instead of 24 s.
            Future<List<String>> reader = pool.submit(() -> {
                List<String> seen = new ArrayList<>();
                long cursor = from;
                while (true) {
                    boolean last = !pushing.get();
                    JsonNode page = CaseApi.pageTree(aggregator.token(), cursor, 1000);
                    for (JsonNode entry : page.get("entries")) {
                        seen.add(entry.get("caseNo").textValue() + "@" + entry.get("dataVersion").longValue());
                    }
                    cursor = page.get("nextCursor").longValue();
                    if (last && !page.get("hasMore").booleanValue()) {
                        return seen;
                    }
                }
            });
            int written = 0;
            for (Future<Integer> push : pushes) {
                written += push.get();
            }
            pushing.set(false);
            Set<String> fromFeed = new HashSet<>();
            for (String key : reader.get()) {
                assertTrue(fromFeed.add(key), "repeated " + key);
            }
            Set<String> stored = storedVersions(tag + "-%");
            assertEquals(4 * (batches * size + (batches - 1) * 5), written);
            assertEquals(written, stored.size());
            assertEquals(stored, fromFeed);
        } finally {
            pushing.set(false);
            pool.shutdownNow();
        }
    }

    @Test
    void ndjsonStreamsTheSameEntriesAsThePagesOneObjectPerLine() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        Clients.Registered aggregator = Clients.register("3303", "aggregator");
        long start = lastPosition();
        String code = item();
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(CaseSamples.record(CaseSamples.caseNo("ndjson"), code, "330302", 1));
        }
        records.get(3).put("subject", CaseSamples.MULTI_SCRIPT);
        CaseApi.pushed(platform.token(), records);
        List<Map<String, Object>> paged = new ArrayList<>();
        long cursor = start;
        for (int i = 0; i < 3; i++) {
            JsonPath page = CaseApi.page(aggregator.token(), cursor, 10);
            paged.addAll(page.getList("entries"));
            cursor = page.getLong("nextCursor");
        }
        InputStream stream = given().auth().oauth2(aggregator.token()).accept("application/x-ndjson")
                .queryParam("after", start).queryParam("limit", 30).get(CaseApi.CHANGES)
                .then().statusCode(200).contentType("application/x-ndjson").extract().asInputStream();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            reader.lines().forEach(lines::add);
        }
        assertEquals(30, lines.size());
        for (int i = 0; i < 30; i++) {
            JsonNode line = CaseJson.MAPPER.readTree(lines.get(i));
            assertEquals(((Number) paged.get(i).get("position")).longValue(), line.get("position").asLong());
            assertEquals(paged.get(i).get("caseNo"), line.get("caseNo").asText());
            assertEquals(paged.get(i).get("contentSm3"), line.get("contentSm3").asText());
        }
        JsonNode fourth = CaseJson.MAPPER.readTree(lines.get(3));
        assertEquals(CaseSamples.MULTI_SCRIPT, fourth.get("record").get("subject").asText());
        assertTrue(lines.get(3).contains(CaseSamples.MULTI_SCRIPT), "record bytes streamed as stored");
        assertEquals(fourth.get("contentSm3").asText(),
                org.govhub.signing.Sm3.hex(org.govhub.signing.Sm3.digest(CaseJson.MAPPER.writeValueAsBytes(fourth.get("record")))));
    }

    @Test
    void ndjsonStreamMayAskForMoreThanAJsonPageHolds() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        Clients.Registered aggregator = Clients.register("33", "aggregator");
        long start = lastPosition();
        String code = item();
        for (int b = 0; b < 6; b++) {
            List<ObjectNode> batch = new ArrayList<>();
            for (int i = 0; i < (b < 5 ? 1000 : 1); i++) {
                batch.add(CaseSamples.record(CaseSamples.caseNo("long"), code, "330302", 1));
            }
            CaseApi.pushed(platform.token(), batch);
        }
        InputStream stream = given().auth().oauth2(aggregator.token()).accept("application/x-ndjson")
                .queryParam("after", start).queryParam("limit", 5001).get(CaseApi.CHANGES)
                .then().statusCode(200).extract().asInputStream();
        long lines = 0;
        long previous = start;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                assertEquals(previous + 1, CaseJson.MAPPER.readTree(line).get("position").asLong());
                previous++;
                lines++;
            }
        }
        assertEquals(5001, lines);
        given().auth().oauth2(aggregator.token()).queryParam("after", start).queryParam("limit", 5001).get(CaseApi.CHANGES)
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(aggregator.token()).accept("application/x-ndjson").queryParam("limit", 1_000_001)
                .get(CaseApi.CHANGES).then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void feedShowsOnlyCasesInsideTheAggregatorsRegion() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        Clients.Registered wenzhou = Clients.register("3303", "aggregator");
        Clients.Registered jinhua = Clients.register("3304", "aggregator");
        long start = lastPosition();
        String caseNo = CaseSamples.caseNo("regional");
        CaseApi.pushed(platform.token(), List.of(CaseSamples.record(caseNo, item(), "330302", 1)));
        assertEquals(List.of(caseNo), CaseApi.page(wenzhou.token(), start, 100).getList("entries.caseNo"));
        JsonPath outside = CaseApi.page(jinhua.token(), start, 100);
        assertFalse(outside.getList("entries.caseNo").contains(caseNo));
        assertEquals(start, outside.getLong("nextCursor"), "an empty page leaves the cursor where it was");
    }

    @Test
    void feedCarriesTheRecordAsStoredWithTheWholeIdNumber() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        Clients.Registered aggregator = Clients.register("3303", "aggregator");
        long start = lastPosition();
        ObjectNode record = CaseSamples.record(CaseSamples.caseNo("whole"), item(), "330302", 1);
        CaseApi.pushed(platform.token(), List.of(record));
        JsonPath page = CaseApi.page(aggregator.token(), start, 10);
        assertEquals(record.get("applicant").get("idNumber").asText(), page.getString("entries[0].record.applicant.idNumber"));
        assertEquals(platform.clientId(), page.getString("entries[0].sourceClient"));
    }

    /**
     * The feed writes each stored record out as the bytes the database holds: the record's bytes in a
     * page and in a stream line hash to the entry's contentSm3, multi-script text included.
     */
    @Test
    void everyServedRecordHashesToItsContentSm3InPagesAndStreams() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        Clients.Registered aggregator = Clients.register("3303", "aggregator");
        long start = lastPosition();
        String code = item();
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ObjectNode record = CaseSamples.record(CaseSamples.caseNo("bytes"), code, "330302", 1);
            record.put("subject", CaseSamples.MULTI_SCRIPT + " " + i);
            records.add(record);
        }
        CaseApi.pushed(platform.token(), records);
        byte[] page = given().auth().oauth2(aggregator.token()).queryParam("after", start).queryParam("limit", 100)
                .get(CaseApi.CHANGES).then().statusCode(200).extract().asByteArray();
        byte[] stream = given().auth().oauth2(aggregator.token()).accept("application/x-ndjson").queryParam("after", start)
                .queryParam("limit", 100).get(CaseApi.CHANGES).then().statusCode(200).extract().asByteArray();
        for (byte[] body : List.of(page, stream)) {
            Map<String, byte[]> served = ServedRecords.bySm3(body);
            assertEquals(records.size(), served.size());
            served.forEach((sm3, bytes) -> assertEquals(sm3, ServedRecords.sm3(bytes)));
            assertTrue(served.values().stream().allMatch(b -> new String(b, StandardCharsets.UTF_8).contains(CaseSamples.MULTI_SCRIPT)));
        }
    }

    /** Each page and each stream of the feed serves whole ID numbers, so each is in the audit trail when it is answered. */
    @Test
    void everyPageAndStreamIsAuditedWithTheReaderAndWhatWasServed() throws Exception {
        Clients.Registered platform = Clients.register("3303", "platform");
        Clients.Registered aggregator = Clients.register("3303", "aggregator");
        long start = lastPosition();
        String code = item();
        CaseApi.pushed(platform.token(), List.of(CaseSamples.record(CaseSamples.caseNo("audited"), code, "330302", 1),
                CaseSamples.record(CaseSamples.caseNo("audited"), code, "330302", 1),
                CaseSamples.record(CaseSamples.caseNo("audited"), code, "330302", 1)));
        assertEquals(2, CaseApi.page(aggregator.token(), start, 2).getList("entries").size());
        assertEquals(List.of("entries 2"), feedAudit(aggregator.clientId(), "after=" + start + " limit=2"));
        assertEquals(1, CaseApi.page(aggregator.token(), start + 2, 5).getList("entries").size());
        assertEquals(List.of("entries 1"), feedAudit(aggregator.clientId(), "after=" + (start + 2) + " limit=5"));
        given().auth().oauth2(aggregator.token()).accept("application/x-ndjson").queryParam("after", start)
                .queryParam("limit", 3).get(CaseApi.CHANGES).then().statusCode(200);
        assertEquals(List.of("streamed"), feedAudit(aggregator.clientId(), "after=" + start + " limit=3"));
    }

    private List<String> feedAudit(String clientId, String resourceId) throws Exception {
        List<String> outcomes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select outcome from audit_event"
                + " where operation = 'cases.feed' and client_id = ? and resource_id = ? order by seq")) {
            s.setString(1, clientId);
            s.setString(2, resourceId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    outcomes.add(rs.getString(1));
                }
            }
        }
        return outcomes;
    }

    @Test
    void limitAboveTheMaximumIsAProblemNamingLimit() {
        Clients.Registered aggregator = Clients.register("33", "aggregator");
        given().auth().oauth2(aggregator.token()).queryParam("limit", 5001).get(CaseApi.CHANGES)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(aggregator.token()).queryParam("after", "x").get(CaseApi.CHANGES)
                .then().statusCode(400).body("errors[0].field", equalTo("after"));
    }

    @Test
    void platformClientsCannotReadTheFeed() {
        Clients.Registered platform = Clients.register("3303", "platform");
        given().auth().oauth2(platform.token()).get(CaseApi.CHANGES).then().statusCode(403);
    }

    private long lastPosition() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select last_position from case_feed_head where id = 1");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Set<String> storedVersions(String like) throws Exception {
        Set<String> stored = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select case_no, data_version from case_version where case_no like ?")) {
            s.setString(1, like);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1) + "@" + rs.getLong(2));
                }
            }
        }
        return stored;
    }
}
