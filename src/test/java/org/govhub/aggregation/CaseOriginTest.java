package org.govhub.aggregation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every stored version keeps where it entered the exchange and the path it travelled, visible in the API. */
@QuarkusTest
@HubTest
@TestProfile(AggregationProfile.class)
class CaseOriginTest {
    private static String item;
    private static Clients.Registered cityHub;

    @BeforeEach
    void catalogueAndClients() {
        if (item == null) {
            item = AggregationFixtures.effectivePenaltyItem("33030400");
            cityHub = Clients.register("3303", "platform");
        }
    }

    @Test
    void aCaseForwardedFromBelowShowsItsOriginAndTheWholePathEndingHere() {
        String caseNo = AggregationFixtures.caseNo("origin");
        ObjectNode record = AggregationFixtures.record(caseNo, item, "330304", 1);
        record.set("origin", origin(hop("ouhai-county", "330304", "county", "2026-11-21T01:00:00Z", "ouhai-platform"),
                hop("wz-city", "330300", "city", "2026-11-21T09:00:05+08:00", "ouhai-county-hub")));
        assertEquals(List.of("created"), AggregationFixtures.push(cityHub.token(), List.of(record)).getList("records.outcome"));

        JsonPath view = read(caseNo);
        assertEquals("ouhai-county", view.getString("origin.node"));
        assertEquals("330304", view.getString("origin.region"));
        assertEquals(List.of("ouhai-county", "wz-city", "govhub-test"), view.getList("origin.path.node"));
        assertEquals(List.of("county", "city", "province"), view.getList("origin.path.tier"));
        assertEquals("2026-11-21T01:00:05Z", view.getString("origin.path[1].at"), "instants are kept in UTC");
        assertEquals(cityHub.clientId(), view.getString("origin.path[2].client"), "this node's hop names who delivered it");
        assertNull(view.get("record.origin"), "the origin is beside the record, not in it");
    }

    @Test
    void aCasePushedByAPlatformStartsItsPathAtThisNode() {
        String caseNo = AggregationFixtures.caseNo("origin");
        AggregationFixtures.push(cityHub.token(), List.of(AggregationFixtures.record(caseNo, item, "330304", 1)));
        JsonPath view = read(caseNo);
        assertEquals("govhub-test", view.getString("origin.node"));
        assertEquals("330000", view.getString("origin.region"));
        assertEquals(1, view.getList("origin.path").size());
        assertEquals(List.of("govhub-test"), versions(caseNo).getList("versions[0].origin.path.node"));
    }

    @Test
    void theSameVersionArrivingByAnotherRouteIsUnchangedAndKeepsItsFirstPath() {
        String caseNo = AggregationFixtures.caseNo("origin");
        AggregationFixtures.push(cityHub.token(), List.of(AggregationFixtures.record(caseNo, item, "330304", 1)));
        ObjectNode again = AggregationFixtures.record(caseNo, item, "330304", 1);
        again.set("origin", origin(hop("ouhai-county", "330304", "county", "2026-11-21T01:00:00Z", null)));
        assertEquals(List.of("unchanged"), AggregationFixtures.push(cityHub.token(), List.of(again)).getList("records.outcome"));
        assertEquals(List.of("govhub-test"), read(caseNo).getList("origin.path.node"));
    }

    @Test
    void aMalformedOriginRejectsTheRecordWithFieldErrorsAndStoresNothing() {
        String caseNo = AggregationFixtures.caseNo("origin");
        ObjectNode record = AggregationFixtures.record(caseNo, item, "330304", 1);
        record.set("origin", origin(hop("ouhai-county", "33030", "village", "yesterday", null)));
        JsonPath answer = AggregationFixtures.push(cityHub.token(), List.of(record));
        assertEquals("rejected", answer.getString("records[0].outcome"));
        assertEquals(List.of("records[0].origin.path[0].region", "records[0].origin.path[0].tier", "records[0].origin.path[0].at"),
                answer.getList("records[0].errors.field"));
        given().auth().oauth2(cityHub.token()).get("/api/v1/cases/" + caseNo).then().statusCode(404);
    }

    @Test
    void theChangeFeedCarriesEachVersionsOrigin() {
        String caseNo = AggregationFixtures.caseNo("origin");
        AggregationFixtures.push(cityHub.token(), List.of(AggregationFixtures.record(caseNo, item, "330304", 1)));
        String aggregator = Clients.register("330304", "aggregator").token();
        List<Map<String, Object>> entries = given().auth().oauth2(aggregator).queryParam("after", 0).queryParam("limit", 5000)
                .get("/api/v1/cases/changes").then().statusCode(200).extract().jsonPath().getList("entries");
        Map<String, Object> entry = entries.stream().filter(e -> caseNo.equals(e.get("caseNo"))).findFirst().orElseThrow();
        assertEquals("govhub-test", ((Map<?, ?>) entry.get("origin")).get("node"));
    }

    private JsonPath read(String caseNo) {
        return given().auth().oauth2(cityHub.token()).get("/api/v1/cases/" + caseNo).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath versions(String caseNo) {
        return given().auth().oauth2(cityHub.token()).get("/api/v1/cases/" + caseNo + "/versions").then().statusCode(200)
                .extract().jsonPath();
    }

    private static ObjectNode origin(ObjectNode... hops) {
        ObjectNode origin = JsonNodeFactory.instance.objectNode();
        ArrayNode path = origin.putArray("path");
        for (ObjectNode hop : hops) {
            path.add(hop);
        }
        return origin;
    }

    private static ObjectNode hop(String node, String region, String tier, String at, String client) {
        ObjectNode hop = JsonNodeFactory.instance.objectNode().put("node", node).put("region", region).put("tier", tier).put("at", at);
        if (client != null) {
            hop.put("client", client);
        }
        return hop;
    }
}
