package org.govhub.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
