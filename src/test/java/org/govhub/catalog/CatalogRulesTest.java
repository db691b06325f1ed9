package org.govhub.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Small rules that need no server: rank order, amount ranges, CSV cells, tiers. */
class CatalogRulesTest {

    @Test
    void lawOutranksEverythingElse() {
        for (LegalRank rank : LegalRank.values()) {
            assertEquals(rank != LegalRank.LAW, LegalRank.LAW.outranks(rank), rank.wireName());
        }
    }

    @Test
    void localRegulationAndDepartmentRuleAreNotRankedAgainstEachOther() {
        assertFalse(LegalRank.LOCAL_REGULATION.outranks(LegalRank.DEPARTMENT_RULE));
        assertFalse(LegalRank.DEPARTMENT_RULE.outranks(LegalRank.LOCAL_REGULATION));
    }

    @Test
    void departmentRuleEqualsLocalGovernmentRule() {
        assertFalse(LegalRank.DEPARTMENT_RULE.outranks(LegalRank.LOCAL_GOVERNMENT_RULE));
        assertFalse(LegalRank.LOCAL_GOVERNMENT_RULE.outranks(LegalRank.DEPARTMENT_RULE));
        assertTrue(LegalRank.LOCAL_REGULATION.outranks(LegalRank.LOCAL_GOVERNMENT_RULE));
    }

    @Test
    void normativeDocumentOutranksNothing() {
        for (LegalRank rank : LegalRank.values()) {
            assertFalse(LegalRank.NORMATIVE_DOCUMENT.outranks(rank), rank.wireName());
        }
    }

    @Test
    void discretionRuleAdmitsAmountsInsideItsRangeInclusive() {
        DiscretionRule fine = new DiscretionRule("fine", new BigDecimal("1000"), new BigDecimal("30000"));

        assertTrue(fine.admits(new BigDecimal("1000.00")));
        assertTrue(fine.admits(new BigDecimal("30000")));
        assertFalse(fine.admits(new BigDecimal("999.99")));
        assertFalse(fine.admits(null));
    }

    @Test
    void csvCellsAreQuotedWhenTheyHoldCommasQuotesOrLineBreaks() {
        assertEquals("plain", CatalogCsv.cell("plain"));
        assertEquals("\"a,b\"", CatalogCsv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CatalogCsv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", CatalogCsv.cell("two\nlines"));
    }

    @Test
    void csvCellsNeverStartAFormula() {
        assertEquals("'=HYPERLINK(1)", CatalogCsv.cell("=HYPERLINK(1)"));
        assertEquals("'@SUM", CatalogCsv.cell("@SUM"));
    }

    @Test
    void significantRegionDropsTheZeroPairsOfHigherTiers() {
        assertEquals("3303", ItemChanges.significantRegion("33030000"));
        assertEquals("330303", ItemChanges.significantRegion("33030300"));
        assertEquals("33030312", ItemChanges.significantRegion("33030312"));
        assertEquals("33", ItemChanges.significantRegion("33000000"));
    }

    @Test
    void searchTextEscapesLikeWildcards() {
        CatalogQuery query = new CatalogQuery(null, null, "100%_!许可", 1, 20);

        assertEquals("%100!%!_!!许可%", query.likePattern());
    }
}
