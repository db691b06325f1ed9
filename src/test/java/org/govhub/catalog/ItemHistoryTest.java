package org.govhub.catalog;

import static io.restassured.RestAssured.given;
import static org.govhub.catalog.CatalogSteps.ITEMS;
import static org.govhub.catalog.CatalogSteps.add;
import static org.govhub.catalog.CatalogSteps.approved;
import static org.govhub.catalog.CatalogSteps.change;
import static org.govhub.catalog.CatalogSteps.code;
import static org.govhub.catalog.CatalogSteps.freshSubject;
import static org.govhub.catalog.CatalogSteps.item;
import static org.govhub.catalog.CatalogSteps.publicGet;
import static org.govhub.catalog.CatalogSteps.published;
import static org.govhub.catalog.CatalogSteps.reject;
import static org.govhub.catalog.CatalogSteps.submitted;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** Every version is kept: who submitted it, who reviewed it, when and why. */
@QuarkusTest
@HubTest
class ItemHistoryTest {
    static final CatalogSteps.Actors actors = new CatalogSteps.Actors();

    @Test
    void historyShowsEveryVersionWithWhoWhenAndWhy() {
        String code = published(actors, item(code(freshSubject(), "XK", 1)));
        Map<String, Object> second = item(code);
        second.put("name", "第二版名称");
        Map<String, Object> body = change("change", List.of(), List.of(second));
        body.put("reason", "依据新修订的条例调整名称");
        approved(actors, body);

        publicGet(ITEMS + "/" + code + "/history").statusCode(200)
                .body("code", equalTo(code))
                .body("events", hasSize(2))
                .body("events.kind", contains("add", "change"))
                .body("events.version", contains(1, 2))
                .body("events[1].reason", equalTo("依据新修订的条例调整名称"))
                .body("events[1].submittedBy", equalTo(actors.editorId()))
                .body("events[1].reviewedBy", equalTo(actors.reviewerId()))
                .body("events[1].reviewNote", equalTo("依法审核通过"))
                .body("events[1].submittedAt", notNullValue())
                .body("events[1].reviewedAt", notNullValue())
                .body("events[0].item.name", equalTo("测试事项" + code))
                .body("events[1].item.name", equalTo("第二版名称"));
    }

    @Test
    void publicHistoryLeavesOutRejectedAndPendingChanges() {
        String code = published(actors, item(code(freshSubject(), "XK", 1)));
        long rejected = submitted(actors.editor(), change("change", List.of(), List.of(item(code))));
        reject(actors.reviewer(), rejected, "材料不全").statusCode(200);
        submitted(actors.editor(), change("change", List.of(), List.of(item(code))));

        publicGet(ITEMS + "/" + code + "/history").statusCode(200).body("events.kind", contains("add"));
        given().auth().oauth2(actors.reviewer()).get(ITEMS + "/" + code + "/history").then().statusCode(200)
                .body("events.status", contains("approved", "rejected", "pending"))
                .body("events[1].reviewNote", equalTo("材料不全"));
    }

    @Test
    void cancelledCodeCannotBeCreatedAgainAndHistoryShowsBothEvents() {
        String code = published(actors, item(code(freshSubject(), "CF", 3)));
        approved(actors, change("cancel", List.of(code), List.of()));

        CatalogSteps.submit(actors.editor(), add(item(code))).statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("items[0].code"))
                .body("detail", equalTo("code " + code + " was already used (now retired);"
                        + " a code is never reused, even after cancellation or rejection"));

        publicGet(ITEMS + "/" + code + "/history").statusCode(200)
                .body("status", equalTo("retired"))
                .body("events.kind", contains("add", "cancel"))
                .body("events.role", contains("target", "source"))
                .body("events.status", contains("approved", "approved"));
    }

    @Test
    void codeOfRejectedAddIsNeverReused() {
        String code = code(freshSubject(), "XK", 1);
        long changeId = submitted(actors.editor(), add(item(code)));
        reject(actors.reviewer(), changeId, "无法定依据").statusCode(200);

        CatalogSteps.submit(actors.editor(), add(item(code))).statusCode(409);
        given().auth().oauth2(actors.editor()).get(ITEMS + "/" + code).then().statusCode(200).body("status", equalTo("rejected"));
    }

    @Test
    void codeOnlySubmittedCannotBeSubmittedAgain() {
        String code = code(freshSubject(), "XK", 7);
        submitted(actors.editor(), add(item(code)));

        CatalogSteps.submit(actors.secondEditor(), add(item(code))).statusCode(409)
                .body("detail", equalTo("code " + code + " was already used (now proposed);"
                        + " a code is never reused, even after cancellation or rejection"));
    }
}
