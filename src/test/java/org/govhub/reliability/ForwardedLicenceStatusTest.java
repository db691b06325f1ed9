package org.govhub.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.govhub.access.Role;
import org.govhub.licences.LicenceId;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/**
 * Regression for an authorization gap the R4 matrix review found: {@code POST /api/v1/licences/{id}/forwarded-status}
 * applied a downstream's status change to any licence in the aggregator's region, also to a licence issued at
 * this node, so a county link could suspend, or re-validate, a licence this node's department had revoked.
 * Only a licence forwarded from below takes status changes from below: for one issued here it is 403, and
 * nothing changes. Also from the R3 mutation run: the optional {@code origin} of a status change was never
 * read, so a broken one (wrong types, a 300,000-character node id) was applied with 200; it is now checked
 * like a forwarded licence's origin: 400 problem+json, nothing written.
 */
@QuarkusTest
@HubTest
class ForwardedLicenceStatusTest {
    @Inject
    AgroalDataSource db;

    @Test
    void aDownstreamCannotChangeTheStatusOfALicenceIssuedHere() {
        TwoRegions.Region region = new TwoRegions.Region("3303", "330303");
        region.clients.put(Role.DEPARTMENT, Clients.register("3303", "department"));
        region.holderIdNumber = TwoRegions.residentId("330303", 7);
        LicenceId id = TwoRegions.newLicenceId();
        given().auth().oauth2(region.token(Role.DEPARTMENT))
                .multiPart(new MultiPartSpecBuilder(TwoRegions.json(TwoRegions.licence(region, id))).controlName("metadata")
                        .mimeType("application/json").charset(StandardCharsets.UTF_8).build())
                .multiPart("file", "licence.pdf", "%PDF-1.7\nlocal".getBytes(StandardCharsets.US_ASCII), "application/octet-stream")
                .post("/api/v1/licences").then().statusCode(201);
        String county = Clients.register("3303", "aggregator").token();

        given().auth().oauth2(county).contentType(ContentType.JSON)
                .body(Map.of("revision", 1, "status", "suspended", "since", "2026-11-21T08:00:00Z", "reason", "下级暂扣"))
                .post("/api/v1/licences/" + id + "/forwarded-status")
                .then().statusCode(403).contentType("application/problem+json");

        assertEquals("valid", TwoRegions.queryString(db, "SELECT status FROM licence WHERE licence_id = ?", id.toString()));
        assertEquals(0L, TwoRegions.queryLong(db, "SELECT count(*) FROM licence_status_change WHERE licence_id = ?", id.toString()));
    }

    @Test
    void aStatusChangeWithABrokenOriginIsRefusedAndChangesNothing() {
        TwoRegions.Region region = new TwoRegions.Region("3303", "330303");
        region.holderIdNumber = TwoRegions.residentId("330303", 8);
        String county = Clients.register("3303", "aggregator").token();
        LicenceId id = TwoRegions.newLicenceId();
        given().auth().oauth2(county)
                .multiPart(new MultiPartSpecBuilder(TwoRegions.json(TwoRegions.forwardedLicence(region, id, TwoRegions.FORWARDED_FILE)))
                        .controlName("licence").mimeType("application/json").charset(StandardCharsets.UTF_8).build())
                .multiPart("file", "licence.pdf", TwoRegions.FORWARDED_FILE, "application/octet-stream")
                .post("/api/v1/licences/forwarded").then().statusCode(201);

        given().auth().oauth2(county).contentType(ContentType.JSON)
                .body(Map.of("revision", 1, "status", "revoked", "since", "2026-11-21T08:00:00Z", "reason", "证照信息有误",
                        "origin", Map.of("path", List.of(Map.of("node", 12, "region", "x".repeat(300), "tier", "county",
                                "at", "2026-11-21T08:00:00Z")))))
                .post("/api/v1/licences/" + id + "/forwarded-status")
                .then().statusCode(400).contentType("application/problem+json");

        assertEquals("valid", TwoRegions.queryString(db, "SELECT status FROM licence WHERE licence_id = ?", id.toString()));
        assertEquals(0L, TwoRegions.queryLong(db, "SELECT count(*) FROM licence_status_change WHERE licence_id = ?", id.toString()));
    }
}
