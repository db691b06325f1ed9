package org.govhub.catalog;

import static io.restassured.RestAssured.given;
import static org.govhub.catalog.CatalogSteps.ITEMS;
import static org.govhub.catalog.CatalogSteps.approved;
import static org.govhub.catalog.CatalogSteps.change;
import static org.govhub.catalog.CatalogSteps.code;
import static org.govhub.catalog.CatalogSteps.freshSubject;
import static org.govhub.catalog.CatalogSteps.item;
import static org.govhub.catalog.CatalogSteps.publicGet;
import static org.govhub.catalog.CatalogSteps.published;
import static org.govhub.catalog.CatalogSteps.submit;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** Split, merge and delegate record where an item came from and went to, readable from both sides. */
@QuarkusTest
@HubTest
class ItemLineageTest {
    static final CatalogSteps.Actors actors = new CatalogSteps.Actors();

    @Test
    void splitKeepsLineageReadableFromBothSides() {
        String subject = freshSubject();
        String old = published(actors, item(code(subject, "XK", 1)));
        String first = code(subject, "XK", 2);
        String second = code(subject, "XK", 3);
        long changeId = approved(actors, change("split", List.of(old), List.of(item(first), item(second))));

        publicGet(ITEMS + "/" + old).statusCode(200)
                .body("status", equalTo("retired")).body("retiredAs", equalTo("split"))
                .body("successors.code", contains(first, second))
                .body("successors.relation", contains("split", "split"))
                .body("successors[0].changeId", equalTo((int) changeId));
        publicGet(ITEMS + "/" + first).statusCode(200)
                .body("status", equalTo("effective")).body("predecessors.code", contains(old));
        publicGet(ITEMS + "/" + second).statusCode(200).body("predecessors.code", contains(old));
        publicGet(ITEMS + "/" + old + "/history").statusCode(200)
                .body("events[1].kind", equalTo("split")).body("events[1].targets", contains(first, second));
        publicGet(ITEMS + "/" + first + "/history").statusCode(200)
                .body("events[0].kind", equalTo("split")).body("events[0].sources", contains(old));
    }

    @Test
    void mergeRetiresAllSourcesIntoOneNewItem() {
        String subject = freshSubject();
        String a = published(actors, item(code(subject, "QR", 1)));
        String b = published(actors, item(code(subject, "QR", 2)));
        String merged = code(subject, "QR", 3);
        approved(actors, change("merge", List.of(a, b), List.of(item(merged))));

        publicGet(ITEMS + "/" + merged).statusCode(200)
                .body("predecessors.code", containsInAnyOrder(a, b)).body("predecessors.relation", contains("merge", "merge"));
        publicGet(ITEMS + "/" + a).statusCode(200).body("retiredAs", equalTo("merge")).body("successors.code", contains(merged));
        publicGet(ITEMS + "/" + b).statusCode(200).body("successors.code", contains(merged));
    }

    @Test
    void delegationMovesTheItemToALowerTierSubject() {
        String department = freshSubject().substring(8);
        String county = "33030300" + department;
        String township = "33030312" + department;
        String old = published(actors, item(code(county, "XK", 1)));
        String moved = code(township, "XK", 1);
        approved(actors, change("delegate", List.of(old), List.of(item(moved))));

        publicGet(ITEMS + "/" + old).statusCode(200).body("retiredAs", equalTo("delegate"))
                .body("successors.code", contains(moved)).body("successors.relation", contains("delegate"));
        publicGet(ITEMS + "/" + moved).statusCode(200).body("status", equalTo("effective"))
                .body("predecessors.code", contains(old));
    }

    @Test
    void approvingNeedsARegionThatCoversEveryRecordTheChangeTouches() {
        String department = freshSubject().substring(8);
        String cityItem = published(actors, item(code("33030000" + department, "XK", 1)));
        long changeId = CatalogSteps.submitted(actors.editor(),
                change("delegate", List.of(cityItem), List.of(item(code("33030312" + department, "XK", 1)))));
        String countyReviewer = Clients.register("330303", "catalog-reviewer").token();

        given().auth().oauth2(countyReviewer).get(CatalogSteps.CHANGES + "/" + changeId).then().statusCode(200);
        CatalogSteps.approve(countyReviewer, changeId).statusCode(403)
                .body("detail", containsString("touches subject code 33030000" + department));
        publicGet(ITEMS + "/" + cityItem).statusCode(200).body("status", equalTo("effective"));
    }

    @Test
    void delegationToTheSameTierIsRefused() {
        String department = freshSubject().substring(8);
        String old = published(actors, item(code("33030300" + department, "XK", 1)));

        submit(actors.editor(), change("delegate", List.of(old), List.of(item(code("33030400" + department, "XK", 1)))))
                .statusCode(400).body("errors[0].field", equalTo("items[0].code"))
                .body("errors[0].message", containsString("lower-tier subject inside region 330303"));
    }

    @Test
    void delegationKeepsTheType() {
        String department = freshSubject().substring(8);
        String old = published(actors, item(code("33030300" + department, "XK", 1)));

        submit(actors.editor(), change("delegate", List.of(old), List.of(item(code("33030312" + department, "SP", 1)))))
                .statusCode(400).body("errors[0].message", equalTo("a delegated item keeps its type XK, not SP"));
    }

    @Test
    void splitNeedsAtLeastTwoNewItems() {
        String subject = freshSubject();
        String old = published(actors, item(code(subject, "XK", 1)));

        submit(actors.editor(), change("split", List.of(old), List.of(item(code(subject, "XK", 2)))))
                .statusCode(400).body("errors[0].field", equalTo("items"))
                .body("errors[0].message", equalTo("a split proposes 2 or more item(s), not 1"));
    }

    @Test
    void splitIntoTheSourcesOwnCodeIsAConflict() {
        String subject = freshSubject();
        String old = published(actors, item(code(subject, "XK", 1)));

        submit(actors.editor(), change("split", List.of(old), List.of(item(old), item(code(subject, "XK", 2)))))
                .statusCode(409).body("errors[0].field", equalTo("items[0].code"));
        publicGet(ITEMS + "/" + old).statusCode(200).body("status", equalTo("effective")).body("successors", empty());
    }

    @Test
    void rejectedSplitLeavesTheSourceEffective() {
        String subject = freshSubject();
        String old = published(actors, item(code(subject, "XK", 1)));
        long changeId = CatalogSteps.submitted(actors.editor(),
                change("split", List.of(old), List.of(item(code(subject, "XK", 2)), item(code(subject, "XK", 3)))));
        CatalogSteps.reject(actors.reviewer(), changeId, "拆分理由不充分").statusCode(200);

        publicGet(ITEMS + "/" + old).statusCode(200).body("status", equalTo("effective")).body("successors", empty());
        publicGet(ITEMS + "/" + code(subject, "XK", 2)).statusCode(404);
    }
}
