package org.govhub.catalog;

import static io.restassured.RestAssured.given;
import static org.govhub.catalog.CatalogSteps.add;
import static org.govhub.catalog.CatalogSteps.code;
import static org.govhub.catalog.CatalogSteps.freshSubject;
import static org.govhub.catalog.CatalogSteps.item;
import static org.govhub.catalog.CatalogSteps.reject;
import static org.govhub.catalog.CatalogSteps.submitted;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** Every editorial action on the catalogue lands in the audit trail with the client that did it. */
@QuarkusTest
@HubTest
class CatalogAuditTest {
    static final CatalogSteps.Actors actors = new CatalogSteps.Actors();

    @Test
    void submissionAndApprovalAreAuditedWithTheirClients() {
        long changeId = CatalogSteps.approved(actors, add(item(code(freshSubject(), "QT", 1))));
        given().auth().oauth2(Clients.adminToken()).queryParam("resource", Long.toString(changeId)).get("/api/v1/audit")
                .then().statusCode(200)
                .body("events.operation", hasItems("catalog.change.submit", "catalog.change.approve"))
                .body("events.find { it.operation == 'catalog.change.submit' }.clientId", equalTo(actors.editorId()))
                .body("events.find { it.operation == 'catalog.change.approve' }.clientId", equalTo(actors.reviewerId()));
    }

    @Test
    void rejectionIsAudited() {
        long changeId = submitted(actors.editor(), add(item(code(freshSubject(), "QT", 1))));
        reject(actors.reviewer(), changeId, "缺少法律依据").statusCode(200);
        given().auth().oauth2(Clients.adminToken()).queryParam("resource", Long.toString(changeId)).get("/api/v1/audit")
                .then().statusCode(200).body("events.operation", hasItems("catalog.change.reject"))
                .body("events.find { it.operation == 'catalog.change.reject' }.outcome", equalTo("rejected"));
    }

    @Test
    void codeAllocationIsAudited() {
        String subject = freshSubject();
        String code = given().auth().oauth2(actors.editor()).contentType("application/json")
                .body(java.util.Map.of("subjectCode", subject, "type", "FW")).post("/api/v1/items/codes")
                .then().statusCode(201).extract().path("code");
        given().auth().oauth2(Clients.adminToken()).queryParam("resource", code).get("/api/v1/audit")
                .then().statusCode(200).body("events[0].operation", equalTo("catalog.code.allocate"))
                .body("events[0].clientId", equalTo(actors.editorId()));
    }
}
