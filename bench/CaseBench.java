import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator and reader for the case benchmarks P1 (ingest), P2 (change feed pull) and P3 (ferry).
 * Talks to running hubs through their public API only. Run with the hub's Jackson:
 *   java -cp "$(ls target/quarkus-app/lib/main/com.fasterxml.jackson.core.jackson-*.jar | tr '\n' :)" bench/CaseBench.java …
 *
 *   item    URL ADMIN_SECRET CODE                 make the penalty item the records use effective
 *   gen     N TAG NDJSON_OUT CSV_OUT              N records (one JSON per line) and the same rows as CSV for psql \copy
 *   push    URL ADMIN_SECRET NDJSON CLIENTS BATCH  push every record, CLIENTS concurrent clients, BATCH records each
 *   pull    URL ADMIN_SECRET TAG N pages|ndjson [WARM_UPS]
 *           read the change feed from 0 until N entries of TAG are seen; WARM_UPS untimed reads first
 *   ferry   EXT_URL EXT_SECRET INT_URL INT_SECRET NDJSON CLIENTS BATCH
 *           push everything outside, follow the feed inside until every record is readable there
 *   latency EXT_URL EXT_SECRET INT_URL INT_SECRET TAG SECONDS PER_SECOND
 *           push one batch of PER_SECOND new records each second outside; per batch, the time from the
 *           push to the moment all its records are readable in the inside feed
 *
 * Every timed figure is printed as a line "RESULT key=value ..." for the calling script.
 */
public class CaseBench {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonFactory FACTORY = JSON.getFactory();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    static final String ITEM = System.getenv().getOrDefault("BENCH_ITEM_CODE", "33030300AJ-CF-0003");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "item" -> item(args[1], args[2], args[3]);
            case "gen" -> gen(Integer.parseInt(args[1]), args[2], Path.of(args[3]), Path.of(args[4]));
            case "push" -> {
                String platform = client(args[1], args[2], "3303", "platform");
                List<byte[]> bodies = bodies(Path.of(args[3]), Integer.parseInt(args[5]));
                long t0 = System.nanoTime();
                int n = push(args[1], platform, bodies, Integer.parseInt(args[4]));
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("RESULT records=%d seconds=%.3f rate=%.1f%n", n, s, n / s);
            }
            case "pull" -> pull(args[1], args[2], args[3], Integer.parseInt(args[4]), args[5],
                    args.length > 6 ? Integer.parseInt(args[6]) : 0);
            case "ferry" -> ferry(args[1], args[2], args[3], args[4], Path.of(args[5]), Integer.parseInt(args[6]),
                    Integer.parseInt(args[7]));
            case "latency" -> latency(args[1], args[2], args[3], args[4], args[5], Integer.parseInt(args[6]),
                    Integer.parseInt(args[7]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ---- records

    static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高"};
    static final String[] TOWNS = {"永中街道", "蒲州街道", "海城街道", "状元街道", "瑶溪街道", "沙城街道", "天河街道", "星海街道"};

    /** One realistic case record (≈2 KB of canonical JSON: Chinese text, five steps, materials, facts, a result). */
    static ObjectNode record(String caseNo, int n) {
        String town = TOWNS[n % TOWNS.length];
        String a = SURNAMES[n % SURNAMES.length], b = SURNAMES[(n / 7) % SURNAMES.length];
        ObjectNode r = JSON.createObjectNode();
        r.put("caseNo", caseNo);
        r.put("itemCode", ITEM);
        r.put("regionCode", "330303");
        r.put("dataVersion", 1);
        ObjectNode applicant = r.putObject("applicant");
        applicant.put("name", "温州市龙湾区" + town + "某某化工有限公司第" + n + "分公司");
        applicant.put("idType", "resident-id");
        applicant.put("idNumber", residentId("330303", n));
        applicant.put("contact", String.format("0577-86%06d", n % 1000000));
        r.put("subject", "关于温州市龙湾区" + town + "某某化工有限公司未按规定对从业人员开展安全生产教育和培训的行政处罚案");
        int day = 2 + n % 5;
        String d = String.format("2026-11-%02d", day);
        r.put("acceptedAt", d + "T09:30:00+08:00");
        r.put("acceptor", "龙湾区行政服务中心安监窗口 " + a + "五");
        r.put("promisedWorkingDays", 20);
        r.put("status", "finished");
        ArrayNode steps = r.putArray("steps");
        step(steps, "受理", "accept", "窗口", a + "五", "申请材料齐全，符合法定形式，予以受理并登记立案", d + "T09:30:00+08:00", d + "T09:40:00+08:00");
        step(steps, "调查取证", "investigate", "执法大队", b + "四", "现场检查发现该单位" + (n % 90 + 10) + "名从业人员安全生产教育培训记录缺失，已制作现场检查笔录和询问笔录",
                String.format("2026-11-%02dT10:00:00+08:00", day + 1), String.format("2026-11-%02dT17:00:00+08:00", day + 3));
        step(steps, "审核", "review", "法制科", "赵六", "事实清楚，证据确凿，适用法律正确，程序合法，处罚幅度适当",
                String.format("2026-11-%02dT09:00:00+08:00", day + 4), String.format("2026-11-%02dT11:00:00+08:00", day + 4));
        step(steps, "决定", "decide", "分管局长", "钱七", "同意法制科审核意见，依法作出罚款处罚决定",
                String.format("2026-11-%02dT09:00:00+08:00", day + 7), String.format("2026-11-%02dT10:00:00+08:00", day + 7));
        step(steps, "办结", "finish", "窗口", a + "五", "已向当事人直接送达行政处罚决定书，当事人签收",
                String.format("2026-11-%02dT09:00:00+08:00", day + 8), String.format("2026-11-%02dT09:30:00+08:00", day + 8));
        ArrayNode materials = r.putArray("materials");
        materials.addObject().put("name", "现场检查记录").put("required", true).put("submitted", true);
        materials.addObject().put("name", "询问笔录").put("required", true).put("submitted", true);
        materials.addObject().put("name", "安全生产教育培训档案").put("required", false).put("submitted", n % 3 == 0);
        ObjectNode facts = r.putObject("facts");
        facts.putObject("employees").put("value", 20 + n % 200).put("unit", "人");
        facts.putObject("place").put("text", "温州市龙湾区" + town + "工业区" + (n % 300 + 1) + "号");
        ObjectNode result = r.putObject("result");
        result.put("decision", "依据《中华人民共和国安全生产法》第九十七条，给予罚款人民币" + (10 + n % 20) + "000元的行政处罚");
        result.put("finishedAt", String.format("2026-11-%02dT09:30:00+08:00", day + 8));
        result.put("documentNo", "温龙安监罚〔2026〕" + n + "号");
        result.putObject("penalty").put("kind", "fine").put("amountYuan", (10 + n % 20) * 1000);
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

    /** The records as NDJSON for the hub, and the same rows (case_version's columns) as CSV for psql \copy. */
    static void gen(int n, String tag, Path ndjson, Path csv) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long bytes = 0;
        try (BufferedWriter j = Files.newBufferedWriter(ndjson); BufferedWriter c = Files.newBufferedWriter(csv)) {
            for (int i = 0; i < n; i++) {
                String caseNo = tag + "-" + i;
                String line = JSON.writeValueAsString(record(caseNo, i));
                byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
                bytes += utf8.length;
                j.write(line);
                j.write('\n');
                c.write(caseNo + ",1," + ITEM + ",330303,finished," + HexFormat.of().formatHex(sha.digest(utf8))
                        + ",\"" + line.replace("\"", "\"\"") + "\",bench-copy,2026-11-22T00:00:00Z,bench-copy-" + (i / 500) + "\n");
            }
        }
        System.out.printf("generated %d records, %.0f bytes each on average%n", n, (double) bytes / n);
    }

    static List<byte[]> bodies(Path ndjson, int batch) throws Exception {
        List<byte[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(ndjson);
        for (int from = 0; from < lines.size(); from += batch) {
            out.add(("{\"records\":[" + String.join(",", lines.subList(from, Math.min(lines.size(), from + batch))) + "]}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Pushes every body with CLIENTS threads taking the next batch from a shared queue; returns the records created. */
    static int push(String url, String token, List<byte[]> bodies, int clients) throws Exception {
        ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>(bodies);
        AtomicInteger created = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            Thread th = new Thread(() -> {
                try {
                    byte[] body;
                    while ((body = queue.poll()) != null) {
                        JsonNode answer = send(url + "/api/v1/cases/batches", token, body);
                        if (answer.path("rejected").asInt() != 0) {
                            throw new IllegalStateException("rejected records: " + answer.toString().substring(0, 800));
                        }
                        created.addAndGet(answer.path("created").asInt());
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("push failed", failures.get(0));
        }
        return created.get();
    }

    static JsonNode send(String url, String token, byte[] body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(300))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> r = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("push answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(r.body());
    }

    // ---- the change feed

    /**
     * Reads the feed from 0 until N entries of TAG were seen; prints the rate over the whole read. The warm-up reads
     * before it let the hub's JIT compile the feed code (and this client's), as a long-running hub would have.
     */
    static void pull(String url, String adminSecret, String tag, int n, String mode, int warmUps) throws Exception {
        String aggregator = client(url, adminSecret, "33", "aggregator");
        for (int i = 0; i < warmUps; i++) {
            pullOnce(url, aggregator, tag, n, mode);
        }
        System.out.println(pullOnce(url, aggregator, tag, n, mode));
    }

    static String pullOnce(String url, String aggregator, String tag, int n, String mode) throws Exception {
        long t0 = System.nanoTime();
        long seen = 0, total = 0, bytes = 0, requests = 0;
        String prefix = tag + "-";
        if (mode.equals("ndjson")) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/v1/cases/changes?after=0&limit=1000000"))
                    .timeout(Duration.ofSeconds(600)).header("Authorization", "Bearer " + aggregator)
                    .header("Accept", "application/x-ndjson").GET().build();
            HttpResponse<InputStream> r = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("ndjson answered " + r.statusCode());
            }
            requests = 1;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8), 1 << 16)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    total++;
                    bytes += line.length();
                    // "caseNo" is the first member of every entry: check it without parsing the record
                    int at = line.indexOf("\"caseNo\":\"");
                    if (at >= 0 && line.startsWith(prefix, at + 10)) {
                        seen++;
                    }
                }
            }
        } else {
            // Like a consumer that hands each page to a worker: the next request goes out as soon as the page's
            // trailing cursor is read, and a second thread counts the page's entries and those of TAG (the same
            // check as the NDJSON reader's, without parsing the records) and checks that the cursor moved by as many.
            java.util.concurrent.ExecutorService counter = java.util.concurrent.Executors.newSingleThreadExecutor();
            List<java.util.concurrent.Future<Count>> counted = new ArrayList<>();
            try {
                long after = 0;
                boolean more = true;
                while (more) {
                    byte[] body = feedPage(url, aggregator, after, 1000, "page");
                    requests++;
                    bytes += body.length;
                    long cursor = trailingCursor(body);
                    boolean hasMore = trailingHasMore(body);
                    more = hasMore;
                    long from = after;
                    counted.add(counter.submit(() -> {
                        Count p = scan(body, prefix);
                        if (p.entries != cursor - from) {
                            throw new IllegalStateException("a page after " + from + " held " + p.entries
                                    + " entries but its cursor moved to " + cursor);
                        }
                        return p;
                    }));
                    after = cursor;
                }
                for (java.util.concurrent.Future<Count> f : counted) {
                    Count p = f.get();
                    total += p.entries;
                    seen += p.matching;
                }
            } finally {
                counter.shutdownNow();
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (seen != n) {
            throw new IllegalStateException("feed held " + seen + " entries of " + tag + ", expected " + n);
        }
        return String.format("RESULT records=%d entries=%d requests=%d bytes=%d seconds=%.3f rate=%.1f", seen, total,
                requests, bytes, s, total / s);
    }

    /** A page's entries, and those of the run's tag. */
    record Count(int entries, int matching) {
    }

    /** Where a parsed page leaves the cursor, and its case numbers of the run's tag. */
    record Page(long nextCursor, boolean hasMore, List<String> caseNos) {
    }

    /**
     * One JSON page of the change feed, as bytes; any answer but 200 fails, named by {@code what}. Read with
     * HttpURLConnection, kept alive between pages: java.net.http took about 20 % longer to receive the same 100
     * pages of 2.8 MB, time the hub would be charged for.
     */
    static byte[] feedPage(String url, String token, long after, int limit, String what) throws Exception {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create(url + "/api/v1/cases/changes?after="
                + after + "&limit=" + limit).toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(120_000);
        c.setRequestProperty("Authorization", "Bearer " + token);
        c.setRequestProperty("Accept", "application/json");
        int status = c.getResponseCode();
        if (status != 200) {
            throw new IllegalStateException(what + " answered " + status);
        }
        try (InputStream in = c.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** A page ends with its hasMore and nextCursor members: read them from the end without parsing the entries. */
    static long trailingCursor(byte[] page) {
        int at = lastIndexOf(page, "\"nextCursor\":".getBytes(StandardCharsets.US_ASCII));
        long value = 0;
        for (int i = at + 13; i < page.length && page[i] >= '0' && page[i] <= '9'; i++) {
            value = value * 10 + (page[i] - '0');
        }
        return value;
    }

    static boolean trailingHasMore(byte[] page) {
        int at = lastIndexOf(page, "\"hasMore\":".getBytes(StandardCharsets.US_ASCII));
        return page[at + 10] == 't';
    }

    private static int lastIndexOf(byte[] page, byte[] key) {
        for (int i = page.length - key.length; i >= 0; i--) {
            if (startsWith(page, i, key)) {
                return i;
            }
        }
        throw new IllegalStateException("no " + new String(key, StandardCharsets.US_ASCII) + " in the page");
    }

    private static final byte[] ENTRY_START = "{\"caseNo\":\"".getBytes(StandardCharsets.US_ASCII);

    /**
     * Counts a page's entries and those whose case number starts with TAG. Entries are served with their members in
     * name order, so each begins {"caseNo":"…; the records inside begin with other members.
     */
    static Count scan(byte[] body, String prefix) {
        byte[] tag = prefix.getBytes(StandardCharsets.UTF_8);
        int entries = 0, matching = 0;
        for (int i = indexOf(body, ENTRY_START, 0); i >= 0; i = indexOf(body, ENTRY_START, i + ENTRY_START.length)) {
            entries++;
            if (startsWith(body, i + ENTRY_START.length, tag)) {
                matching++;
            }
        }
        return new Count(entries, matching);
    }

    private static int indexOf(byte[] body, byte[] key, int from) {
        for (int i = from, last = body.length - key.length; i <= last; i++) {
            if (body[i] == key[0] && startsWith(body, i, key)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] body, int at, byte[] key) {
        return at + key.length <= body.length && Arrays.equals(body, at, at + key.length, key, 0, key.length);
    }

    /** Streams through a JSON page: collects case numbers of TAG, skips the records unparsed. */
    static Page page(byte[] body, String prefix) throws Exception {
        long next = 0;
        boolean more = false;
        List<String> caseNos = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(body)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "nextCursor" -> next = p.getLongValue();
                    case "hasMore" -> more = v == JsonToken.VALUE_TRUE;
                    case "entries" -> {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String f = p.currentName();
                                p.nextToken();
                                if (f.equals("caseNo")) {
                                    String c = p.getText();
                                    if (c.startsWith(prefix)) {
                                        caseNos.add(c);
                                    }
                                } else {
                                    p.skipChildren();
                                }
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        return new Page(next, more, caseNos);
    }

    static final class Follower extends Thread {
        final String url, token, prefix;
        final AtomicLong seen = new AtomicLong();
        volatile boolean stop;
        final java.util.function.Consumer<List<String>> onPage;
        volatile Throwable failure;

        Follower(String url, String token, String prefix, java.util.function.Consumer<List<String>> onPage) {
            this.url = url;
            this.token = token;
            this.prefix = prefix;
            this.onPage = onPage;
            setDaemon(true);
        }

        @Override
        public void run() {
            long after = 0;
            try {
                while (!stop) {
                    Page p = page(feedPage(url, token, after, 5000, "feed inside"), prefix);
                    after = p.nextCursor;
                    if (!p.caseNos.isEmpty()) {
                        onPage.accept(p.caseNos);
                        seen.addAndGet(p.caseNos.size());
                    }
                    if (!p.hasMore) {
                        Thread.sleep(50);
                    }
                }
            } catch (Throwable e) {
                failure = e;
            }
        }
    }

    // ---- across the gap

    static void ferry(String ext, String extSecret, String in, String inSecret, Path ndjson, int clients, int batch) throws Exception {
        List<String> lines = Files.readAllLines(ndjson);
        int n = lines.size();
        String first = JSON.readTree(lines.get(0)).path("caseNo").asText();
        String tag = first.substring(0, first.lastIndexOf('-'));
        lines = null;
        String platform = client(ext, extSecret, "3303", "platform");
        String aggregator = client(in, inSecret, "33", "aggregator");
        List<byte[]> bodies = bodies(ndjson, batch);
        long start = feedEnd(in, aggregator);
        long t0 = System.nanoTime();
        int created = push(ext, platform, bodies, clients);
        double pushed = (System.nanoTime() - t0) / 1e9;
        // Every version stored inside takes the next feed position (no gaps, visible in order), so all n are
        // readable once position start + n is: a one-entry page tells, where reading every record back while
        // the nodes work would add a load the direct reference does not carry.
        while (!hasEntryAfter(in, aggregator, start + n - 1)) {
            if (System.nanoTime() - t0 > 3_600_000_000_000L) {
                throw new IllegalStateException("position " + (start + n) + " not readable inside after an hour");
            }
            Thread.sleep(20);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        long readable = countMatching(in, aggregator, start, tag + "-");
        if (readable != n) {
            throw new IllegalStateException(readable + " of the " + n + " records are in the feed inside");
        }
        System.out.printf("RESULT records=%d created_outside=%d push_seconds=%.3f seconds=%.3f rate=%.1f%n", n, created, pushed, s, n / s);
    }

    /** The cursor after the last entry of the feed. */
    static long feedEnd(String url, String token) throws Exception {
        long after = 0;
        while (true) {
            byte[] body = feedPage(url, token, after, 5000, "feed inside");
            after = trailingCursor(body);
            if (!trailingHasMore(body)) {
                return after;
            }
        }
    }

    static boolean hasEntryAfter(String url, String token, long after) throws Exception {
        return !page(feedPage(url, token, after, 1, "feed inside"), "").caseNos.isEmpty();
    }

    /** How many entries after {@code after} have a case number starting with {@code prefix} (untimed check). */
    static long countMatching(String url, String token, long after, String prefix) throws Exception {
        long matching = 0;
        while (true) {
            Page p = page(feedPage(url, token, after, 5000, "feed inside"), prefix);
            matching += p.caseNos.size();
            after = p.nextCursor;
            if (!p.hasMore) {
                return matching;
            }
        }
    }

    static void latency(String ext, String extSecret, String in, String inSecret, String tag, int seconds, int perSecond)
            throws Exception {
        String platform = client(ext, extSecret, "3303", "platform");
        String aggregator = client(in, inSecret, "33", "aggregator");
        long[] pushedAt = new long[seconds];
        long[] readableAt = new long[seconds];
        int[] count = new int[seconds];
        String prefix = tag + "-L";
        Follower f = new Follower(in, aggregator, prefix, page -> {
            long now = System.nanoTime();
            synchronized (count) {
                for (String c : page) {
                    int i = Integer.parseInt(c.substring(prefix.length(), c.indexOf('-', prefix.length())));
                    if (++count[i] == perSecond) {
                        readableAt[i] = now;
                    }
                }
            }
        });
        f.start();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            StringBuilder sb = new StringBuilder("{\"records\":[");
            for (int j = 0; j < perSecond; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(JSON.writeValueAsString(record(prefix + i + "-" + j, i * perSecond + j)));
            }
            bodies.add(sb.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < seconds; i++) {
            long due = t0 + i * 1_000_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            pushedAt[i] = System.nanoTime();
            JsonNode answer = send(ext + "/api/v1/cases/batches", platform, bodies.get(i));
            if (answer.path("created").asInt() != perSecond) {
                throw new IllegalStateException("push not fully created outside: " + answer.toString().substring(0, 600));
            }
        }
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (f.seen.get() < (long) seconds * perSecond && System.nanoTime() < deadline) {
            if (f.failure != null) {
                throw new IllegalStateException("follower failed", f.failure);
            }
            Thread.sleep(20);
        }
        f.stop = true;
        double[] lat = new double[seconds];
        for (int i = 0; i < seconds; i++) {
            if (readableAt[i] == 0) {
                throw new IllegalStateException("batch " + i + " not fully readable inside (" + count[i] + " of " + perSecond + ")");
            }
            lat[i] = (readableAt[i] - pushedAt[i]) / 1e6;
        }
        double[] sorted = lat.clone();
        Arrays.sort(sorted);
        double p50 = sorted[(int) Math.ceil(0.50 * seconds) - 1];
        double p95 = sorted[(int) Math.ceil(0.95 * seconds) - 1];
        System.out.printf("RESULT batches=%d per_batch=%d p50_ms=%.0f p95_ms=%.0f max_ms=%.0f%n", seconds, perSecond, p50, p95,
                sorted[seconds - 1]);
    }

    // ---- clients and the catalogue item

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
        ObjectNode change = JSON.createObjectNode().put("kind", "add").put("reason", "基准测试事项");
        change.putArray("sources");
        change.putArray("items").add(item);
        long id = call("POST", url + "/api/v1/items/changes", editor, change.toString(), 201).path("id").asLong();
        call("POST", url + "/api/v1/catalog/changes/" + id + "/approval", reviewer,
                JSON.createObjectNode().put("reason", "依法审核通过").toString(), 200);
        System.out.println("item " + code + " effective at " + url);
    }

    static String client(String url, String adminSecret, String prefix, String role) throws Exception {
        String admin = token(url, "admin", adminSecret);
        String id = "bench-" + role + "-" + System.nanoTime();
        ObjectNode body = JSON.createObjectNode().put("clientId", id).put("name", "bench " + role).put("regionPrefix", prefix);
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
