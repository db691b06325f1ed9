package org.govhub.catalog;

import static org.govhub.catalog.CatalogSteps.add;
import static org.govhub.catalog.CatalogSteps.approved;
import static org.govhub.catalog.CatalogSteps.change;
import static org.govhub.catalog.CatalogSteps.code;
import static org.govhub.catalog.CatalogSteps.freshSubject;
import static org.govhub.catalog.CatalogSteps.item;
import static org.govhub.catalog.CatalogSteps.published;
import static org.govhub.catalog.CatalogSteps.submitted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** The Java API the case library uses: effective items only, with what a case is checked against. */
@QuarkusTest
@HubTest
class EffectiveCatalogTest {
    static final CatalogSteps.Actors actors = new CatalogSteps.Actors();

    @Inject
    EffectiveCatalog catalog;

    @Test
    void findsAnEffectiveApprovalItemWithTimeLimitsAndRequiredMaterials() {
        String code = published(actors, item(code(freshSubject(), "XK", 1)));

        EffectiveItem item = catalog.find(PowerItemCode.parse(code)).orElseThrow();

        assertEquals(code, item.code().toString());
        assertEquals("测试事项" + code, item.name());
        assertEquals(code.substring(0, 10), item.subjectCode());
        assertEquals(code.substring(8, 10), item.department());
        assertEquals(PowerItemType.XK, item.type());
        assertEquals(new TimeLimit(10, TimeLimitUnit.WORKING_DAYS), item.promisedTimeLimit());
        assertEquals(new TimeLimit(20, TimeLimitUnit.WORKING_DAYS), item.statutoryTimeLimit());
        assertEquals(List.of("申请书", "安全生产管理制度"), item.requiredMaterialNames());
        assertEquals(List.of(), item.discretionBaseline());
        assertEquals(1, item.version());
    }

    @Test
    void penaltyItemCarriesItsDiscretionBaselineAsTypedRules() {
        String code = published(actors, item(code(freshSubject(), "CF", 1)));

        EffectiveItem item = catalog.find(PowerItemCode.parse(code)).orElseThrow();

        assertEquals(List.of(new DiscretionRule("warning", null, null),
                new DiscretionRule("fine", new BigDecimal("1000"), new BigDecimal("30000"))), item.discretionBaseline());
        assertTrue(item.allowsPenalty("fine", new BigDecimal("30000")));
        assertFalse(item.allowsPenalty("fine", new BigDecimal("30000.01")));
        assertTrue(item.allowsPenalty("warning", null));
        assertFalse(item.allowsPenalty("suspension", null));
    }

    @Test
    void proposedItemIsNotFound() {
        String code = code(freshSubject(), "XK", 1);
        submitted(actors.editor(), add(item(code)));

        assertTrue(catalog.find(PowerItemCode.parse(code)).isEmpty());
    }

    @Test
    void cancelledItemIsNotFound() {
        String code = published(actors, item(code(freshSubject(), "XK", 1)));
        approved(actors, change("cancel", List.of(code), List.of()));

        assertTrue(catalog.find(PowerItemCode.parse(code)).isEmpty());
    }

    @Test
    void findsTheNewestApprovedVersion() {
        String code = published(actors, item(code(freshSubject(), "JL", 1)));
        var renamed = item(code);
        renamed.put("name", "见义勇为奖励");
        approved(actors, change("change", List.of(), List.of(renamed)));

        EffectiveItem item = catalog.find(PowerItemCode.parse(code)).orElseThrow();
        assertEquals("见义勇为奖励", item.name());
        assertEquals(2, item.version());
        assertEquals(new TimeLimit(30, TimeLimitUnit.CALENDAR_DAYS), item.promisedTimeLimit());
    }
}
