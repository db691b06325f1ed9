import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.govhub.licences.LicenceId;

/**
 * Steady load on one hub for .ci/outage.sh: WORKERS threads push case batches (two of three requests)
 * and issue licences with a small PDF (one of three, the S3 path), until the file STOP appears in the
 * output folder. Every answer is logged (start ms, kind, status, content type, Retry-After, latency ms,
 * client error) to requests.csv; acknowledged case numbers and licence ids go to acked-cases.txt and
 * acked-licences.txt. STARTED appears once its clients are registered (before any outage). Compiled together with .ci/ferry/TwoNodes.java (case records, clients, tokens)
 * against the hub jar (LicenceId).
 *
 * Usage: OutageLoad load URL ADMIN_SECRET WORKERS OUT_DIR TAG
 *        OutageLoad files URL ADMIN_SECRET OUT_DIR   (every acknowledged licence file readable)
 */
public class OutageLoad {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(Integer.parseInt(System.getenv().getOrDefault("OUTAGE_CLIENT_TIMEOUT", "40")));
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String PURPOSE = "case 33030300AJ-XK-0001-2026-000042";
    static final ConcurrentLinkedQueue<String> LOG = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> CASES = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> LICENCES = new ConcurrentLinkedQueue<>();
    static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis() * 100);

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "load" -> load(args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4]), args[5]);
            case "files" -> System.exit(files(args[1], args[2], Path.of(args[3])));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void load(String url, String adminSecret, int workers, Path out, String tag) throws Exception {
        String platform = TwoNodes.client(url, adminSecret, "3303", "platform");
        String department = TwoNodes.client(url, adminSecret, "3303", "department");
        Path stop = out.resolve("STOP");
        Files.writeString(out.resolve("STARTED"), "clients registered\n");
        AtomicLong caseSeq = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                Random random = new Random(worker);
                for (long i = 0; !Files.exists(stop); i++) {
                    try {
                        if (i % 3 == 2) {
                            issueLicence(url, department, random);
                        } else {
                            pushCases(url, platform, tag, caseSeq);
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        Files.write(out.resolve("requests.csv"), LOG);
        Files.write(out.resolve("acked-cases.txt"), CASES);
        Files.write(out.resolve("acked-licences.txt"), LICENCES);
    }

    static void pushCases(String url, String token, String tag, AtomicLong seq) throws InterruptedException {
        ObjectNode body = TwoNodes.JSON.createObjectNode();
        ArrayNode records = body.putArray("records");
        List<String> caseNos = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long n = seq.incrementAndGet();
            String caseNo = tag + "-" + n;
            caseNos.add(caseNo);
            records.add(TwoNodes.record(caseNo, (int) n));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/cases/batches")).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = send("cases", request);
        if (response != null && response.statusCode() / 100 == 2) {
            try {
                JsonNode answer = TwoNodes.JSON.readTree(response.body());
                if (answer.path("created").asInt() == caseNos.size()) {
                    CASES.addAll(caseNos);
                } else {
                    for (JsonNode r : answer.path("records")) {
                        if (List.of("created", "updated", "unchanged").contains(r.path("outcome").asText())) {
                            CASES.add(r.path("caseNo").asText());
                        }
                    }
                }
            } catch (Exception e) {
                LOG.add(System.currentTimeMillis() + ",cases-body,0,,,0," + e.getClass().getSimpleName());
            }
        }
    }

    static void issueLicence(String url, String token, Random random) throws InterruptedException {
        LicenceId id = LicenceId.create("11100000000013338W011", "11330300MB0000000X", Long.toString(SERIAL.incrementAndGet()), 1);
        String metadata = "{\"id\":\"" + id + "\",\"licenceName\":\"营业执照\",\"typeName\":\"营业执照\",\"typeCode\":\"" + id.typeCode()
                + "\",\"licenceNumber\":\"91330303MA2" + id.serial() + "\",\"holderName\":\"温州市龙湾区示例贸易有限公司\","
                + "\"holderIdType\":\"统一社会信用代码\",\"holderIdNumber\":\"" + String.format("330303%011dX", SERIAL.get() % 100_000_000_000L)
                + "\",\"issuerName\":\"温州市龙湾区市场监督管理局\",\"issuerCode\":\"" + id.issuerCode() + "\",\"issueDate\":\"2026-01-05\","
                + "\"validFrom\":\"2026-01-05\",\"validTo\":\"2036-01-04\",\"regionCode\":\"330303\",\"relatedLicenceIds\":[]}";
        byte[] pdf = new byte[8 * 1024];
        random.nextBytes(pdf);
        byte[] magic = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, pdf, 0, magic.length);
        String boundary = "govhub-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json; charset=UTF-8\r\n\r\n" + metadata + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"licence.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(pdf);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/licences")).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        HttpResponse<String> response = send("licence", request);
        if (response != null && response.statusCode() / 100 == 2) {
            LICENCES.add(id.toString());
        }
    }

    /** Sends and logs one request; null when the client gave up (timeout) or could not connect. */
    static HttpResponse<String> send(String kind, HttpRequest request) throws InterruptedException {
        long started = System.currentTimeMillis();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            LOG.add(started + "," + kind + "," + response.statusCode() + ","
                    + response.headers().firstValue("Content-Type").orElse("").replace(",", ";") + ","
                    + response.headers().firstValue("Retry-After").orElse("") + "," + (System.currentTimeMillis() - started) + ",");
            return response;
        } catch (java.io.IOException e) {
            LOG.add(started + "," + kind + ",0,,," + (System.currentTimeMillis() - started) + "," + e.getClass().getSimpleName());
            return null;
        }
    }

    /** Every acknowledged licence's file can be read back (it is in object storage after the outage). */
    static int files(String url, String adminSecret, Path out) throws Exception {
        String department = TwoNodes.client(url, adminSecret, "3303", "department");
        List<String> ids = Files.readAllLines(out.resolve("acked-licences.txt"));
        int readable = 0;
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/licences/" + id + "/file"))
                    .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + department)
                    .header("X-Purpose", PURPOSE).GET().build();
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200 && response.body().length == 8 * 1024) {
                readable++;
            } else {
                missing.add(id + " " + response.statusCode());
            }
        }
        System.out.printf("licence files readable after recovery: %d of %d acknowledged%s%n", readable, ids.size(),
                missing.isEmpty() ? "" : " (not: " + String.join(", ", missing.subList(0, Math.min(5, missing.size()))) + ")");
        return readable == ids.size() ? 0 : 1;
    }
}
