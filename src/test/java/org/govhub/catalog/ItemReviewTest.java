package org.govhub.catalog;

import static io.restassured.RestAssured.given;
import static org.govhub.catalog.CatalogSteps.ITEMS;
import static org.govhub.catalog.CatalogSteps.add;
import static org.govhub.catalog.CatalogSteps.approve;
import static org.govhub.catalog.CatalogSteps.approved;
import static org.govhub.catalog.CatalogSteps.change;
import static org.govhub.catalog.CatalogSteps.code;
import static org.govhub.catalog.CatalogSteps.count;
import static org.govhub.catalog.CatalogSteps.freshSubject;
import static org.govhub.catalog.CatalogSteps.item;
import static org.govhub.catalog.CatalogSteps.publicGet;
import static org.govhub.catalog.CatalogSteps.published;
import static org.govhub.catalog.CatalogSteps.reject;
import static org.govhub.catalog.CatalogSteps.submit;
import static org.govhub.catalog.CatalogSteps.submitted;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** Nothing takes effect until another client approves it; rejection leaves the effective version alone. */
@QuarkusTest
@HubTest
class ItemReviewTest {
    static final CatalogSteps.Actors actors = new CatalogSteps.Actors();

    @Inject
    AgroalDataSource db;

    @Test
    void submittedItemIsInvisiblePubliclyUntilApproved() {
        String code = code(freshSubject(), "XK", 1);
        long changeId = submitted(actors.editor(), add(item(code)));

        publicGet(ITEMS + "/" + code).statusCode(404).contentType("application/problem+json");
        publicGet(ITEMS + "?department=" + code.substring(8, 10)).statusCode(200).body("total", equalTo(0));

        approve(actors.reviewer(), changeId).statusCode(200).body("status", equalTo("approved"));

        publicGet(ITEMS + "/" + code).statusCode(200)
                .body("status", equalTo("effective")).body("version", equalTo(1))
                .body("item.name", equalTo("测试事项" + code))
                .body("item.promisedTimeLimit.unit", equalTo("working-days"));
        publicGet(ITEMS + "?department=" + code.substring(8, 10)).statusCode(200).body("items.code", hasItem(code));
    }

    @Test
    void submitterCannotApproveItsOwnChange() {
        String code = code(freshSubject(), "CF", 1);
        long changeId = submitted(actors.editorAndReviewer(), add(item(code)));

        approve(actors.editorAndReviewer(), changeId).statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("cannot review it"));

        publicGet(ITEMS + "/" + code).statusCode(404);
        assertEquals(0, count(db, "select count(*) from catalog_item where code = ? and status = 'EFFECTIVE'", code));
    }

    @Test
    void submitterCannotRejectItsOwnChangeEither() {
        long changeId = submitted(actors.editorAndReviewer(), add(item(code(freshSubject(), "QZ", 1))));

        reject(actors.editorAndReviewer(), changeId, "撤回").statusCode(403);
    }

    @Test
    void editorRoleAloneCannotApprove() {
        long changeId = submitted(actors.editor(), add(item(code(freshSubject(), "QZ", 1))));

        approve(actors.secondEditor(), changeId).statusCode(403).body("detail", containsString("catalog-reviewer"));
    }

    @Test
    void rejectionNeedsAReason() {
        long changeId = submitted(actors.editor(), add(item(code(freshSubject(), "QZ", 1))));

        reject(actors.reviewer(), changeId, " ").statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(actors.reviewer()).contentType("application/json")
                .post(CatalogSteps.CHANGES + "/" + changeId + "/rejection")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
    }

    @Test
    void approvalNeedsNoBody() throws Exception {
        String code = code(freshSubject(), "QZ", 1);
        long changeId = submitted(actors.editor(), add(item(code)));
        HttpRequest bodiless = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + CatalogSteps.CHANGES + "/" + changeId + "/approval"))
                .header("Authorization", "Bearer " + actors.reviewer()).POST(HttpRequest.BodyPublishers.noBody()).build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(bodiless, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        publicGet(ITEMS + "/" + code).statusCode(200).body("status", equalTo("effective"));
    }

    @Test
    void rejectedChangeLeavesTheEffectiveVersionUntouched() {
        String code = published(actors, item(code(freshSubject(), "XK", 1)));
        Map<String, Object> renamed = item(code);
        renamed.put("name", "改名后的事项");
        long changeId = submitted(actors.editor(), change("change", List.of(), List.of(renamed)));

        reject(actors.reviewer(), changeId, "名称不符合法定名称").statusCode(200)
                .body("status", equalTo("rejected")).body("reviewNote", equalTo("名称不符合法定名称"));

        publicGet(ITEMS + "/" + code).statusCode(200)
                .body("version", equalTo(1)).body("item.name", equalTo("测试事项" + code))
                .body("status", equalTo("effective"));
    }

    @Test
    void approvedChangeMakesANewVersion() {
        String code = published(actors, item(code(freshSubject(), "XK", 1)));
        Map<String, Object> shorter = item(code);
        shorter.put("promisedTimeLimit", CatalogSteps.limit(5, "working-days"));
        approved(actors, change("change", List.of(), List.of(shorter)));

        publicGet(ITEMS + "/" + code).statusCode(200)
                .body("version", equalTo(2)).body("item.promisedTimeLimit.value", equalTo(5));
    }

    @Test
    void pendingChangeIsShownOnlyToEditorsAndReviewersOfTheRegion() {
        String code = published(actors, item(code(freshSubject(), "XK", 1)));
        long changeId = submitted(actors.editor(), change("change", List.of(), List.of(item(code))));

        given().auth().oauth2(actors.reviewer()).get(ITEMS + "/" + code).then().statusCode(200)
                .body("pendingChangeId", equalTo((int) changeId));
        publicGet(ITEMS + "/" + code).statusCode(200).body("pendingChangeId", nullValue());
        given().auth().oauth2(actors.outsideEditor()).get(ITEMS + "/" + code).then().statusCode(200)
                .body("pendingChangeId", nullValue());
    }

    @Test
    void draftIsVisibleToEditorOfItsRegionOnly() {
        String code = code(freshSubject(), "JL", 1);
        submitted(actors.editor(), add(item(code)));

        given().auth().oauth2(actors.reviewer()).get(ITEMS + "/" + code).then().statusCode(200)
                .body("status", equalTo("proposed")).body("item.code", equalTo(code)).body("version", equalTo(0));
        given().auth().oauth2(actors.outsideEditor()).get(ITEMS + "/" + code).then().statusCode(404);
        given().auth().oauth2(actors.outsideReviewer()).get(ITEMS + "/" + code + "/history").then().statusCode(404);
    }

    @Test
    void reviewQueueListsPendingChangesOfTheReviewersRegionOnly() {
        String code = code(freshSubject(), "QR", 1);
        long changeId = submitted(actors.editor(), add(item(code)));

        given().auth().oauth2(actors.reviewer()).queryParam("size", 200).get(CatalogSteps.CHANGES).then().statusCode(200)
                .body("items.id", hasItem((int) changeId));
        given().auth().oauth2(actors.outsideReviewer()).queryParam("size", 200).get(CatalogSteps.CHANGES).then().statusCode(200)
                .body("items.id", not(hasItem((int) changeId)));
        given().auth().oauth2(actors.outsideReviewer()).get(CatalogSteps.CHANGES + "/" + changeId).then().statusCode(404);
    }

    @Test
    void reviewerReadsTheProposedDocumentBeforeDeciding() {
        String code = code(freshSubject(), "CF", 1);
        long changeId = submitted(actors.editor(), add(item(code)));

        given().auth().oauth2(actors.reviewer()).get(CatalogSteps.CHANGES + "/" + changeId).then().statusCode(200)
                .body("kind", equalTo("add")).body("status", equalTo("pending"))
                .body("entries[0].role", equalTo("target")).body("entries[0].key", equalTo(code))
                .body("entries[0].document.discretionBaseline[1].maxYuan", equalTo(30000));
    }

    @Test
    void reviewerOutsideTheRegionCannotApprove() {
        long changeId = submitted(actors.editor(), add(item(code(freshSubject(), "QZ", 1))));

        approve(actors.outsideReviewer(), changeId).statusCode(404);
    }

    @Test
    void approvingTwiceIsAConflict() {
        long changeId = approved(actors, add(item(code(freshSubject(), "QZ", 1))));

        approve(actors.reviewer(), changeId).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already approved"));
    }

    @Test
    void secondChangeWhileOneIsPendingIsAConflict() {
        String code = published(actors, item(code(freshSubject(), "XK", 1)));
        submitted(actors.editor(), change("change", List.of(), List.of(item(code))));

        submit(actors.secondEditor(), change("cancel", List.of(code), List.of())).statusCode(409)
                .body("detail", containsString("pending change request"));
    }

    @Test
    void changeOfUnknownItemIsNotFound() {
        submit(actors.editor(), change("change", List.of(), List.of(item(code(freshSubject(), "XK", 1)))))
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void editorCannotSubmitForSubjectOutsideItsRegion() {
        String code = code(freshSubject("33070200"), "XK", 1);

        submit(actors.editor(), add(item(code))).statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("outside this client's region prefix 3303"));
        assertEquals(0, count(db, "select count(*) from catalog_item where code = ?", code));
    }

    @Test
    void everyChangeStatesWhy() {
        Map<String, Object> body = add(item(code(freshSubject(), "XK", 1)));
        body.remove("reason");

        submit(actors.editor(), body).statusCode(400).body("errors.field", hasItem("reason"));
    }

    @Test
    void unknownChangeKindNamesTheAllowedOnes() {
        Map<String, Object> body = add(item(code(freshSubject(), "XK", 1)));
        body.put("kind", "abolish");

        submit(actors.editor(), body).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("kind"))
                .body("errors[0].message", containsString("add, change, delegate, split, merge, cancel"));
    }

    @Test
    void cancelledItemLeavesThePublicListButKeepsItsPage() {
        String code = published(actors, item(code(freshSubject(), "XK", 1)));
        approved(actors, change("cancel", List.of(code), List.of()));

        publicGet(ITEMS + "?department=" + code.substring(8, 10)).statusCode(200).body("total", equalTo(0));
        publicGet(ITEMS + "/" + code).statusCode(200).body("status", equalTo("retired"))
                .body("retiredAs", equalTo("cancel")).body("retiredAt", notNullValue());
    }
}
