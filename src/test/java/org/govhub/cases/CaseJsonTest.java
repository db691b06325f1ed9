package org.govhub.cases;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CaseJsonTest {
    private static final String ITEM = "33030300AJ-CF-0003";

    @Test
    void storedFormKeepsSupplementaryCharactersAsUtf8() {
        ObjectNode json = CaseSamples.record("A-1", ITEM, "330303", 1);
        json.put("subject", CaseSamples.MULTI_SCRIPT);
        String stored = new String(CaseJson.bytes(CaseRecordReader.read(json, "r").record()), StandardCharsets.UTF_8);
        assertTrue(stored.contains("\"subject\":\"" + CaseSamples.MULTI_SCRIPT + "\""), stored);
        assertFalse(stored.contains("\\u"), stored);
        assertEquals(CaseSamples.MULTI_SCRIPT, CaseJson.tree(stored).get("subject").textValue());
    }

    @Test
    void sameContentGivesSameBytesWhateverTheKeyOrderNumberFormOrOffset() {
        ObjectNode a = CaseSamples.record("A-1", ITEM, "330303", 1);
        ObjectNode b = CaseJson.MAPPER.createObjectNode();
        java.util.List<String> names = new java.util.ArrayList<>();
        a.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        names.forEach(n -> b.set(n, a.get(n).deepCopy()));
        ((ObjectNode) b.get("result").get("penalty")).put("amountYuan", new BigDecimal("20000.00"));
        b.put("acceptedAt", "2026-11-02T01:30:00Z");
        assertArrayEquals(CaseJson.bytes(CaseRecordReader.read(a, "r").record()),
                CaseJson.bytes(CaseRecordReader.read(b, "r").record()));
    }

    @Test
    void amountsAreWrittenPlain() {
        ObjectNode json = CaseSamples.record("A-1", ITEM, "330303", 1);
        ((ObjectNode) json.get("result").get("penalty")).put("amountYuan", new BigDecimal("5E+4"));
        String stored = new String(CaseJson.bytes(CaseRecordReader.read(json, "r").record()), StandardCharsets.UTF_8);
        assertTrue(stored.contains("\"amountYuan\":50000,"), stored);
    }
}
