package org.govhub.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BundleNameTest {
    @Test
    void laneAndTwelveDigitSequenceMakeTheName() {
        assertEquals("ext1-cases-000000000007.zip", new BundleName(Lane.parse("ext1-cases"), 7).fileName());
    }

    @Test
    void namesParseBackIncludingHyphenatedLanes() {
        BundleName name = BundleName.parse("ext1-cases-000000000007.zip").orElseThrow();
        assertEquals("ext1-cases", name.lane().name());
        assertEquals(7, name.sequence());
    }

    @Test
    void otherNamesDoNotParse() {
        for (String bad : new String[] {"cases-7.zip", "cases-000000000000.zip", "Cases-000000000001.zip",
                ".part-cases-000000000001.zip", "cases-000000000001.tar", "../cases-000000000001.zip",
                "-000000000001.zip", "cases-000000000001.zip.reason.txt"}) {
            assertTrue(BundleName.parse(bad).isEmpty(), bad);
        }
    }
}
