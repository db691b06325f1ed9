package org.govhub.cases;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Realistic case records for tests: Chinese text, five steps, materials, facts and a result. */
final class CaseSamples {
    /** Chinese (BMP), a CJK Extension B character (𠀀, outside the BMP), Uyghur, Greek, an emoji. */
    static final String MULTI_SCRIPT = "张三𠀀𠀁丽水 ئۇيغۇرچە Ελληνικά 🀄 ✓";
    static final Instant ACCEPTED = Instant.parse("2026-11-02T01:30:00Z");
    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CaseSamples() {
    }

    /** A fresh case number no other test uses. */
    static String caseNo(String tag) {
        return tag + "-" + SEQ.incrementAndGet();
    }

    /** An 18-character resident ID number with a correct GB 11643 check character. */
    static String residentId(String region6, long serial) {
        String body = region6 + "19900101" + String.format("%03d", serial % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** A penalty case in JSON, as a platform would push it. */
    static ObjectNode record(String caseNo, String itemCode, String regionCode, long dataVersion) {
        ObjectNode r = F.objectNode();
        r.put("caseNo", caseNo);
        r.put("itemCode", itemCode);
        r.put("regionCode", regionCode);
        r.put("dataVersion", dataVersion);
        ObjectNode applicant = r.putObject("applicant");
        applicant.put("name", "温州市龙湾区某某化工有限公司");
        applicant.put("idType", "resident-id");
        applicant.put("idNumber", residentId(regionCode, dataVersion));
        applicant.put("contact", "0577-86900000");
        r.put("subject", "关于某某化工有限公司未按规定开展安全生产教育培训的处罚案");
        r.put("acceptedAt", "2026-11-02T09:30:00+08:00");
        r.put("acceptor", "龙湾区行政服务中心安监窗口 王五");
        r.put("promisedWorkingDays", 20);
        r.put("status", "finished");
        ArrayNode steps = r.putArray("steps");
        step(steps, "受理", "accept", "窗口", "王五", "材料齐全，予以受理", null, "2026-11-02T09:30:00+08:00", "2026-11-02T09:40:00+08:00");
        step(steps, "调查取证", "investigate", "执法大队", "李四", "现场检查发现培训记录缺失", null, "2026-11-03T10:00:00+08:00", "2026-11-05T17:00:00+08:00");
        step(steps, "审核", "review", "法制科", "赵六", "事实清楚，证据确凿", null, "2026-11-06T09:00:00+08:00", "2026-11-06T11:00:00+08:00");
        step(steps, "决定", "decide", "分管局长", "钱七", "同意处罚", null, "2026-11-09T09:00:00+08:00", "2026-11-09T10:00:00+08:00");
        step(steps, "办结", "finish", "窗口", "王五", "已送达处罚决定书", null, "2026-11-10T09:00:00+08:00", "2026-11-10T09:30:00+08:00");
        ArrayNode materials = r.putArray("materials");
        material(materials, "现场检查记录", true, true);
        material(materials, "询问笔录", true, true);
        material(materials, "营业执照复印件", false, true);
        ObjectNode facts = r.putObject("facts");
        facts.putObject("employees").put("value", 86).put("unit", "人");
        facts.putObject("area").put("value", new BigDecimal("1250.5")).put("unit", "m2");
        facts.putObject("place").put("text", "温州市龙湾区永中街道");
        ObjectNode result = r.putObject("result");
        result.put("decision", "给予罚款处罚");
        result.put("finishedAt", "2026-11-10T09:30:00+08:00");
        result.put("documentNo", "温龙安监罚〔2026〕12号");
        result.putObject("penalty").put("kind", "fine").put("amountYuan", new BigDecimal("20000"));
        return r;
    }

    private static void step(ArrayNode steps, String name, String action, String post, String actor, String opinion,
            String reason, String started, String ended) {
        ObjectNode s = steps.addObject();
        s.put("name", name);
        s.put("action", action);
        s.put("post", post);
        s.put("actor", actor);
        s.put("opinion", opinion);
        if (reason != null) {
            s.put("reason", reason);
        }
        s.put("startedAt", started);
        s.put("endedAt", ended);
    }

    private static void material(ArrayNode materials, String name, boolean required, boolean submitted) {
        materials.addObject().put("name", name).put("required", required).put("submitted", submitted);
    }

    /** The same record built in Java, for the service and store tests. */
    static CaseRecord javaRecord(String caseNo, String itemCode, String regionCode, long dataVersion) {
        CaseRecordReader.Parsed parsed = CaseRecordReader.read(record(caseNo, itemCode, regionCode, dataVersion), "record");
        if (!parsed.ok()) {
            throw new IllegalStateException("sample record is invalid: " + parsed.errors());
        }
        return parsed.record();
    }

    static ObjectNode batch(List<ObjectNode> records) {
        ObjectNode body = F.objectNode();
        ArrayNode array = body.putArray("records");
        records.forEach(array::add);
        return body;
    }

    static Map<String, Object> asMap(ObjectNode node) {
        return CaseJson.MAPPER.convertValue(node, Map.class);
    }
}
