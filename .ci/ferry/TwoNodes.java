import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Client side of .ci/two-nodes.sh, talking to two running hubs only through their public APIs.
 *
 *   item   URL ADMIN_SECRET CODE       make a penalty item effective in a node's catalogue (editor submits,
 *                                      reviewer approves), as each zone keeps its own catalogue
 *   push   EXT_URL EXT_ADMIN_SECRET CASES BATCH RUN_TAG OUT_FILE   push CASES new cases to the external node
 *   verify EXT_URL EXT_ADMIN_SECRET INT_URL INT_ADMIN_SECRET CASES RUN_TAG OUT_FILE TIMEOUT_S
 *          wait until every submission is receipted outside, then check the internal node holds each
 *          case of this run exactly once and the receipts account for every record
 *   feedback INT_URL INT_ADMIN_SECRET EXT_URL EXT_ADMIN_SECRET RUN_TAG SAMPLE TIMEOUT_S
 *          a department system inside pushes version 2 of the first SAMPLE cases of the run (a reviewed
 *          result) to the internal node; wait until the external node serves each with that result,
 *          then check its feed holds each version 2 exactly once and the push is receipted inside
 *
 * Run with the hub's own libraries: java -cp 'target/quarkus-app/lib/main/*' .ci/ferry/TwoNodes.java …
 */
public class TwoNodes {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final String ITEM = System.getenv().getOrDefault("FERRY_ITEM_CODE", "33030300AJ-CF-0003");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "item" -> item(args[1], args[2], args[3]);
            case "push" -> push(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5], Path.of(args[6]));
            case "verify" -> System.exit(verify(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), args[6],
                    Path.of(args[7]), Integer.parseInt(args[8])));
            case "feedback" -> System.exit(feedback(args[1], args[2], args[3], args[4], args[5], Integer.parseInt(args[6]),
                    Integer.parseInt(args[7])));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static void push(String ext, String adminSecret, int cases, int batch, String tag, Path out) throws Exception {
        String platform = client(ext, adminSecret, "3303", "platform");
        List<String> submissions = new ArrayList<>();
        long started = System.nanoTime();
        for (int from = 0; from < cases; from += batch) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode records = body.putArray("records");
            for (int i = from; i < Math.min(cases, from + batch); i++) {
                records.add(record(tag + "-" + i, i));
            }
            JsonNode answer = call("POST", ext + "/api/v1/cases/batches", platform, body.toString(), 200);
            if (answer.path("rejected").asInt() != 0 || answer.path("created").asInt() != records.size()) {
                throw new IllegalStateException("push not fully accepted outside: " + answer.toString().substring(0, 600));
            }
            submissions.add(answer.path("batchId").asText());
            Files.write(out, submissions);
        }
        System.out.printf("pushed %d cases in %d batches to the external node in %.1f s%n", cases, submissions.size(),
                (System.nanoTime() - started) / 1e9);
    }

    static int verify(String ext, String extSecret, String in, String inSecret, int cases, String tag, Path submissionsFile,
            int timeoutSeconds) throws Exception {
        List<String> submissions = Files.readAllLines(submissionsFile);
        String extAdmin = token(ext, "admin", extSecret);
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        Map<String, Integer> outcomes = new TreeMap<>();
        int receipted;
        while (true) {
            receipted = 0;
            outcomes.clear();
            for (String id : submissions) {
                JsonNode s = call("GET", ext + "/api/v1/ferry/submissions/" + id, extAdmin, null, 200);
                if ("receipted".equals(s.path("state").asText())) {
                    receipted++;
                    s.path("receipt").path("counts").properties().forEach(e -> outcomes.merge(e.getKey(), e.getValue().asInt(), Integer::sum));
                }
            }
            if (receipted == submissions.size() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }
        String aggregator = client(in, inSecret, "33", "aggregator");
        Set<String> caseNos = new HashSet<>();
        long entries = 0;
        long after = 0;
        while (true) {
            JsonNode page = call("GET", in + "/api/v1/cases/changes?after=" + after + "&limit=1000", aggregator, null, 200);
            for (JsonNode e : page.path("entries")) {
                String caseNo = e.path("caseNo").asText();
                if (caseNo.startsWith(tag + "-")) {
                    entries++;
                    caseNos.add(caseNo);
                }
            }
            after = page.path("nextCursor").asLong();
            if (!page.path("hasMore").asBoolean()) {
                break;
            }
        }
        JsonNode status = call("GET", in + "/api/v1/ferry/status", token(in, "admin", inSecret), null, 200);
        int stored = outcomes.getOrDefault("created", 0) + outcomes.getOrDefault("unchanged", 0);
        System.out.printf("submissions receipted outside: %d of %d; receipt outcomes: %s%n", receipted, submissions.size(), outcomes);
        System.out.printf("cases inside: %d feed entries, %d distinct case numbers (expected %d each)%n", entries, caseNos.size(), cases);
        System.out.printf("internal node ferry status: %s%n", status.path("lanes"));
        boolean ok = receipted == submissions.size() && entries == cases && caseNos.size() == cases && stored == cases
                && outcomes.getOrDefault("rejected", 0) == 0;
        System.out.println(ok ? "TWO NODES OK: every case crossed exactly once and every submission shows its receipt"
                : "TWO NODES FAILED");
        return ok ? 0 : 1;
    }

    static final String REVIEWED = "经复核，给予罚款处罚";

    static int feedback(String in, String inSecret, String ext, String extSecret, String tag, int sample, int timeoutSeconds)
            throws Exception {
        String department = client(in, inSecret, "3303", "platform");
        ObjectNode body = JSON.createObjectNode();
        ArrayNode records = body.putArray("records");
        for (int i = 0; i < sample; i++) {
            ObjectNode r = record(tag + "-" + i, i);
            r.put("dataVersion", 2);
            ((ObjectNode) r.path("result")).put("decision", REVIEWED).put("documentNo", "温龙安监罚〔2026〕复" + i + "号");
            records.add(r);
        }
        long started = System.nanoTime();
        JsonNode answer = call("POST", in + "/api/v1/cases/batches", department, body.toString(), 200);
        if (answer.path("updated").asInt() != sample) {
            throw new IllegalStateException("department push not fully accepted inside: " + answer.toString().substring(0, 600));
        }
        String batchId = answer.path("batchId").asText();
        String platform = client(ext, extSecret, "3303", "platform");
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        Set<Integer> pending = new HashSet<>();
        for (int i = 0; i < sample; i++) {
            pending.add(i);
        }
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (Integer i : List.copyOf(pending)) {
                JsonNode c = call("GET", ext + "/api/v1/cases/" + tag + "-" + i, platform, null, 200);
                if (c.path("dataVersion").asLong() == 2 && REVIEWED.equals(c.path("record").path("result").path("decision").asText())) {
                    pending.remove(i);
                }
            }
            if (!pending.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String aggregator = client(ext, extSecret, "33", "aggregator");
        Map<String, Integer> v2 = new TreeMap<>();
        long after = 0;
        while (true) {
            JsonNode page = call("GET", ext + "/api/v1/cases/changes?after=" + after + "&limit=1000", aggregator, null, 200);
            for (JsonNode e : page.path("entries")) {
                if (e.path("caseNo").asText().startsWith(tag + "-") && e.path("dataVersion").asLong() == 2) {
                    v2.merge(e.path("caseNo").asText(), 1, Integer::sum);
                }
            }
            after = page.path("nextCursor").asLong();
            if (!page.path("hasMore").asBoolean()) {
                break;
            }
        }
        String state = "";
        while (System.nanoTime() < deadline) {
            state = call("GET", in + "/api/v1/ferry/submissions/" + batchId, department, null, 200).path("state").asText();
            if ("receipted".equals(state)) {
                break;
            }
            Thread.sleep(1000);
        }
        boolean once = v2.size() == sample && v2.values().stream().allMatch(n -> n == 1);
        System.out.printf("feedback: %d of %d updated cases readable outside with the reviewed result after %.1f s; "
                + "version 2 in the external feed for %d cases (once each: %s); department push inside: %s%n",
                sample - pending.size(), sample, seconds, v2.size(), once, state);
        boolean ok = pending.isEmpty() && once && "receipted".equals(state);
        System.out.println(ok ? "FEEDBACK OK: results produced inside are readable outside, each exactly once"
                : "FEEDBACK FAILED");
        return ok ? 0 : 1;
    }

    static void item(String url, String adminSecret, String code) throws Exception {
        String editor = client(url, adminSecret, "3303", "catalog-editor");
        String reviewer = client(url, adminSecret, "3303", "catalog-reviewer");
        ObjectNode item = JSON.createObjectNode();
        item.put("code", code);
        item.put("name", "未按规定对从业人员进行安全生产教育和培训");
        item.putArray("legalBasis").addObject().put("rank", "law").put("title", "中华人民共和国安全生产法").put("article", "第九十七条");
        item.putObject("subject").put("name", "温州市龙湾区安全生产监督管理局").put("nature", "statutory-organ");
        item.put("handlingDepartment", "执法监察科");
        item.put("address", "温州市龙湾区");
        item.put("phone", "0577-88961234");
        item.put("supervisionPhone", "0577-88965678");
        item.putArray("penaltyKinds").add("warning").add("fine");
        ArrayNode baseline = item.putArray("discretionBaseline");
        baseline.addObject().put("penaltyKind", "warning");
        baseline.addObject().put("penaltyKind", "fine").put("minYuan", 1000).put("maxYuan", 30000);
        item.put("resultsPublished", true);
        ObjectNode change = JSON.createObjectNode().put("kind", "add").put("reason", "跨网闸测试事项");
        change.putArray("sources");
        change.putArray("items").add(item);
        long id = call("POST", url + "/api/v1/items/changes", editor, change.toString(), 201).path("id").asLong();
        call("POST", url + "/api/v1/catalog/changes/" + id + "/approval", reviewer,
                JSON.createObjectNode().put("reason", "依法审核通过").toString(), 200);
        System.out.println("item " + code + " effective at " + url);
    }

    /** One realistic case record (Chinese text, five steps, materials, facts, a result). */
    static ObjectNode record(String caseNo, int n) {
        ObjectNode r = JSON.createObjectNode();
        r.put("caseNo", caseNo);
        r.put("itemCode", ITEM);
        r.put("regionCode", "330303");
        r.put("dataVersion", 1);
        ObjectNode applicant = r.putObject("applicant");
        applicant.put("name", "温州市龙湾区某某化工有限公司" + n);
        applicant.put("idType", "resident-id");
        applicant.put("idNumber", residentId("330303", n));
        applicant.put("contact", "0577-86900000");
        r.put("subject", "关于某某化工有限公司未按规定开展安全生产教育培训的处罚案");
        r.put("acceptedAt", "2026-11-02T09:30:00+08:00");
        r.put("acceptor", "龙湾区行政服务中心安监窗口 王五");
        r.put("promisedWorkingDays", 20);
        r.put("status", "finished");
        ArrayNode steps = r.putArray("steps");
        step(steps, "受理", "accept", "窗口", "王五", "材料齐全，予以受理", "2026-11-02T09:30:00+08:00", "2026-11-02T09:40:00+08:00");
        step(steps, "调查取证", "investigate", "执法大队", "李四", "现场检查发现培训记录缺失", "2026-11-03T10:00:00+08:00", "2026-11-05T17:00:00+08:00");
        step(steps, "审核", "review", "法制科", "赵六", "事实清楚，证据确凿", "2026-11-06T09:00:00+08:00", "2026-11-06T11:00:00+08:00");
        step(steps, "决定", "decide", "分管局长", "钱七", "同意处罚", "2026-11-09T09:00:00+08:00", "2026-11-09T10:00:00+08:00");
        step(steps, "办结", "finish", "窗口", "王五", "已送达处罚决定书", "2026-11-10T09:00:00+08:00", "2026-11-10T09:30:00+08:00");
        ArrayNode materials = r.putArray("materials");
        materials.addObject().put("name", "现场检查记录").put("required", true).put("submitted", true);
        materials.addObject().put("name", "询问笔录").put("required", true).put("submitted", true);
        ObjectNode facts = r.putObject("facts");
        facts.putObject("employees").put("value", 86).put("unit", "人");
        facts.putObject("place").put("text", "温州市龙湾区永中街道");
        ObjectNode result = r.putObject("result");
        result.put("decision", "给予罚款处罚");
        result.put("finishedAt", "2026-11-10T09:30:00+08:00");
        result.put("documentNo", "温龙安监罚〔2026〕" + n + "号");
        result.putObject("penalty").put("kind", "fine").put("amountYuan", 20000);
        return r;
    }

    static void step(ArrayNode steps, String name, String action, String post, String actor, String opinion, String started,
            String ended) {
        steps.addObject().put("name", name).put("action", action).put("post", post).put("actor", actor)
                .put("opinion", opinion).put("startedAt", started).put("endedAt", ended);
    }

    static String residentId(String region6, long serial) {
        String body = region6 + "19900101" + String.format("%03d", serial % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    static String client(String url, String adminSecret, String prefix, String role) throws Exception {
        String admin = token(url, "admin", adminSecret);
        String id = "two-nodes-" + role + "-" + System.nanoTime();
        ObjectNode body = JSON.createObjectNode().put("clientId", id).put("name", "two-nodes " + role).put("regionPrefix", prefix);
        body.putArray("roles").add(role);
        String secret = call("POST", url + "/api/v1/admin/clients", admin, body.toString(), 201).path("clientSecret").asText();
        return token(url, id, secret);
    }

    static String token(String url, String id, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token for " + id + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    static JsonNode call(String method, String url, String token, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
