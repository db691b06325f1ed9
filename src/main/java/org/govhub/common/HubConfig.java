package org.govhub.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything that identifies and configures this hub node: the one place for {@code hub.*}. */
@ConfigMapping(prefix = "hub")
public interface HubConfig {

    /** Unique name of this node in the exchange, e.g. {@code wenzhou-longwan-ext}. */
    @WithName("node-id")
    String nodeId();

    Tier tier();

    /** 6-digit administrative division code of the region this node serves, e.g. 330303. */
    @WithName("region-code")
    String regionCode();

    Zone zone();

    /** Folder for the embedded database, objects, keys and generated secrets. */
    @WithName("data-dir")
    @WithDefault("./data")
    String dataDir();

    Signing signing();

    Storage storage();

    Auth auth();

    Http http();

    Audit audit();

    Archive archive();

    Cases cases();

    interface Signing {
        /** PKCS#12 keystore holding the node's SM2 key and certificate; created on first start. */
        @WithName("keystore-path")
        Optional<String> keystorePath();

        @WithName("keystore-password")
        String keystorePassword();
    }

    interface Storage {
        /** S3/MinIO endpoint; when absent the hub starts an embedded S3 server on loopback. */
        Optional<String> endpoint();

        @WithName("access-key")
        Optional<String> accessKey();

        @WithName("secret-key")
        Optional<String> secretKey();

        @WithDefault("us-east-1")
        String region();

        /** Bucket names this node needs; created on start when missing. */
        @WithName("licence-bucket")
        @WithDefault("govhub-licences")
        String licenceBucket();

        @WithName("archive-bucket")
        @WithDefault("govhub-archive")
        String archiveBucket();

        @WithName("embedded-port")
        @WithDefault("0")
        int embeddedPort();

        /** How long the S3 client waits for a connection; beyond it the call fails and the request answers 503. */
        @WithName("connect-timeout")
        @WithDefault("PT5S")
        Duration connectTimeout();

        /** How long the S3 client waits for each read or write on an open connection (not the whole transfer). */
        @WithName("read-write-timeout")
        @WithDefault("PT30S")
        Duration readWriteTimeout();
    }

    interface Auth {
        @WithName("token-ttl")
        @WithDefault("PT1H")
        Duration tokenTtl();

        /** Bootstrap admin secret (HUB_ADMIN_CLIENT_SECRET); generated into the data folder when absent. */
        @WithName("admin-client-secret")
        Optional<String> adminClientSecret();

        @WithName("admin-client-id")
        @WithDefault("admin")
        String adminClientId();

        /** PBKDF2 iterations for client secrets: slow on purpose. */
        @WithName("secret-hash-iterations")
        @WithDefault("210000")
        int secretHashIterations();
    }

    interface Http {
        /** Largest request body accepted by the JSON API, in bytes. */
        @WithName("max-json-body")
        @WithDefault("16777216")
        long maxJsonBody();
    }

    interface Audit {
        /** How often the audit chain head is signed. */
        @WithName("sign-head-every")
        @WithDefault("10m")
        String signHeadEvery();
    }

    interface Archive {
        /** Data older than this many days leaves the online database for signed archive objects. */
        @WithName("online-window-days")
        @WithDefault("1096")
        int onlineWindowDays();

        /** Period of the archive route's timer (Camel duration syntax, e.g. 1h). */
        @WithDefault("1h")
        String every();

        @WithDefault("true")
        boolean enabled();
    }

    enum Tier { county, city, province }

    enum Zone { external, internal }

    Catalog catalog();

    /** The power-item catalogue and the other two lists (org.govhub.catalog). */
    interface Catalog {
        /** Page size of the public list endpoints when none is asked for. */
        @WithName("default-page-size")
        @WithDefault("20")
        int defaultPageSize();

        /** Largest page the list endpoints return. */
        @WithName("max-page-size")
        @WithDefault("200")
        int maxPageSize();

        /** Most items one import (or one change request) may carry. */
        @WithName("max-import-items")
        @WithDefault("10000")
        int maxImportItems();
    }

    Licences licences();

    /** The electronic licence library (电子证照库). */
    interface Licences {
        /** How often the reconciler compares licence rows with the bucket (scheduler syntax: 1h, 30m, PT1H). */
        @WithName("reconcile-every")
        @WithDefault("1h")
        String reconcileEvery();

        /**
         * Objects younger than this are not reported as orphans: an issue may be between its upload
         * and its database commit.
         */
        @WithName("reconcile-grace")
        @WithDefault("PT15M")
        Duration reconcileGrace();
    }

    Upstream upstream();

    /**
     * The hub one tier up (county → city → province) that this node forwards everything it accepts to,
     * through that hub's own public API with a client registered there. Absent on a province.
     */
    interface Upstream {
        /** Base URL of the upstream hub, e.g. {@code https://hub.wenzhou.example}; no upstream when absent. */
        Optional<String> url();

        /** The client (role {@code platform}) this node was registered as at the upstream. */
        @WithName("client-id")
        Optional<String> clientId();

        @WithName("client-secret")
        Optional<String> clientSecret();

        /** A 0600 file holding the client secret instead of {@code client-secret}; read when a token is needed. */
        @WithName("client-secret-file")
        Optional<String> clientSecretFile();
    }

    Aggregation aggregation();

    /** Tier-by-tier aggregation (逐级汇总): upward forwarding, downward pulls, freshness of reporters. */
    interface Aggregation {
        /** Period of the forwarding route's timer (Camel duration syntax). */
        @WithName("forward-every")
        @WithDefault("5s")
        String forwardEvery();

        /** Wait between the forwarding route's start and its first run (Camel duration syntax). */
        @WithName("forward-delay")
        @WithDefault("5s")
        String forwardDelay();

        /** Most outbox rows one forwarding request carries (the upstream takes at most 1,000 records). */
        @WithName("forward-batch")
        @WithDefault("500")
        int forwardBatch();

        /** Redeliveries of one forwarding or pull request on 5xx or connection errors, before the next tick. */
        @WithName("retry-attempts")
        @WithDefault("6")
        int retryAttempts();

        /** First redelivery delay in milliseconds; doubled on each further attempt. */
        @WithName("retry-delay-ms")
        @WithDefault("1000")
        long retryDelayMs();

        /** Longest redelivery delay in milliseconds. */
        @WithName("retry-max-delay-ms")
        @WithDefault("60000")
        long retryMaxDelayMs();

        /** Sent outbox rows are kept this long for inspection, then removed. */
        @WithName("keep-sent")
        @WithDefault("P7D")
        Duration keepSent();

        /** The downstream hubs whose change feeds this node pulls, by name. */
        Map<String, Downstream> downstreams();

        /** Period of the pull route's timer (Camel duration syntax). */
        @WithName("pull-every")
        @WithDefault("1m")
        String pullEvery();

        /** Wait between the pull route's start and its first run (Camel duration syntax). */
        @WithName("pull-delay")
        @WithDefault("10s")
        String pullDelay();

        /** Entries asked for per feed page (the local push takes at most 1,000 records at once). */
        @WithName("pull-page-size")
        @WithDefault("500")
        int pullPageSize();

        /** Pages read from one source per tick, so one busy source cannot starve the others. */
        @WithName("pull-pages-per-run")
        @WithDefault("20")
        int pullPagesPerRun();

        /** A source silent for longer than this is overdue (the 24-hour reporting rule). */
        @WithName("freshness-period")
        @WithDefault("PT24H")
        Duration freshnessPeriod();

        /** Platform clients (client ids) expected to push here; downstream hubs are always expected. */
        @WithName("expected-platforms")
        Optional<List<String>> expectedPlatforms();

        /** How often the freshness watch looks for sources that turned overdue (scheduler syntax). */
        @WithName("freshness-check-every")
        @WithDefault("10m")
        String freshnessCheckEvery();
    }

    /** A downstream hub this node pulls from, with the {@code aggregator} client registered there for us. */
    interface Downstream {
        /** Base URL of the downstream hub. */
        String url();

        @WithName("client-id")
        String clientId();

        @WithName("client-secret")
        Optional<String> clientSecret();

        @WithName("client-secret-file")
        Optional<String> clientSecretFile();

        /** The region the downstream serves; what it delivers is only accepted inside this prefix. */
        @WithName("region-prefix")
        String regionPrefix();
    }

    /** The case library (办件信息库): batch limits, feed page sizes, process-control thresholds. */
    interface Cases {
        /** Most records accepted in one push; a larger batch is refused with 413. */
        @WithName("max-batch")
        @WithDefault("1000")
        int maxBatch();

        /** More correction (补正) steps than this on one case raise a finding. */
        @WithName("max-corrections")
        @WithDefault("3")
        int maxCorrections();

        /** Largest page of the change feed as JSON. */
        @WithName("feed-page-max")
        @WithDefault("5000")
        int feedPageMax();

        /** Largest number of entries one NDJSON stream of the change feed may ask for. */
        @WithName("feed-stream-max")
        @WithDefault("1000000")
        int feedStreamMax();

        /** How often a batch is retried after a write conflict with a concurrent batch (same new case, deadlock). */
        @WithName("push-retries")
        @WithDefault("5")
        int pushRetries();
    }

    Ferry ferry();

    /**
     * Gap crossing (网闸/数据摆渡): signed, sequenced bundles between the external and the internal node.
     * Off by default, so a plain node runs no ferry route. {@code hub.zone} decides the role: the external
     * node packs and ships bundles and reads receipts; the internal node verifies, ingests and receipts.
     */
    interface Ferry {
        @WithDefault("false")
        boolean enabled();

        /** Lanes this node sends (external) or accepts (internal); each has its own sequence and hash chain. */
        @WithDefault("cases")
        List<String> lanes();

        /** The lane accepted case pushes travel on. */
        @WithName("case-lane")
        @WithDefault("cases")
        String caseLane();

        /** directory (a folder pair, also what a gap device's shared folder looks like) or sftp. */
        @WithDefault("directory")
        Transport transport();

        /** Gap folder the external node writes bundles to (a path on the SFTP server for sftp). */
        @WithName("outbound-dir")
        @WithDefault("${hub.data-dir}/gap/bundles")
        String outboundDir();

        /** Gap folder the internal node reads bundles from; the same folder as outbound-dir across a shared gap. */
        @WithName("inbound-dir")
        @WithDefault("${hub.data-dir}/gap/bundles")
        String inboundDir();

        /** Gap folder for the way back: the internal node writes receipts and resend requests, the external reads them. */
        @WithName("return-dir")
        @WithDefault("${hub.data-dir}/gap/return")
        String returnDir();

        /** Local folder for inbox/, held/, done/, quarantine/ and returns-quarantine/. */
        @WithName("work-dir")
        @WithDefault("${hub.data-dir}/ferry")
        String workDir();

        /** A bundle is sealed when it reaches this many records... */
        @WithName("bundle-max-records")
        @WithDefault("1000")
        int bundleMaxRecords();

        /** ...or this many payload bytes (a single larger submission travels alone)... */
        @WithName("bundle-max-bytes")
        @WithDefault("16777216")
        long bundleMaxBytes();

        /** ...or when its oldest submission has waited this long. */
        @WithName("max-age")
        @WithDefault("PT5S")
        Duration maxAge();

        /**
         * How often the routes poll the outbox, the gap folders and the held bundles, in milliseconds. A
         * bundle waits for up to three polls on its way (outbox, gap folder, inbox): at 1000 the 95th
         * percentile push-to-readable-inside latency was 2.25 s, at 500 it was 1.93 s (bench/RESULTS.md, P3).
         */
        @WithName("poll-millis")
        @WithDefault("500")
        long pollMillis();

        /**
         * Case chunks of one bundle stored at the same time (chunks sharing a case number still go in bundle
         * order). 1 is one after another; on two cores 2 gained nothing measurable (the catch-up part of
         * bench/p3-ferry.sh), so raise it only on a node with more cores, after measuring there.
         */
        @WithName("ingest-parallelism")
        @WithDefault("1")
        int ingestParallelism();

        /** Bundles shipped per poll at most. */
        @WithName("ship-batch")
        @WithDefault("10")
        int shipBatch();

        /** A later bundle waits this long for a missing sequence before an alert and a resend request. */
        @WithName("hold-timeout")
        @WithDefault("PT10M")
        Duration holdTimeout();

        /** The sender ships a bundle again when no receipt arrived within this time. */
        @WithName("resend-after")
        @WithDefault("PT15M")
        Duration resendAfter();

        /** PEM certificate of the node on the other side of the gap; bundles and receipts must be signed by it. */
        @WithName("trusted-peer-certificate")
        @WithDefault("${hub.data-dir}/ferry/peer-certificate.pem")
        String trustedPeerCertificate();

        /** Largest bundle file accepted, in bytes. */
        @WithName("max-bundle-bytes")
        @WithDefault("268435456")
        long maxBundleBytes();

        /** Largest single entry accepted (declared and actual), in bytes. */
        @WithName("max-entry-bytes")
        @WithDefault("67108864")
        long maxEntryBytes();

        /** Most entries a bundle may hold. */
        @WithName("max-entries")
        @WithDefault("10000")
        int maxEntries();

        Sftp sftp();

        /**
         * The return lane (外网反馈): case versions the internal node accepted from inside sources (a
         * department system pushing a status change or result), never ones that came across the gap,
         * travel back out on it. Used only where it is among the packed / ingested lanes below.
         */
        @WithName("return-lane")
        @WithDefault("feedback")
        String returnLane();

        /**
         * Lanes this node packs into bundles and sends. Unset: the external node packs {@code lanes}
         * and {@code case-lane}, the internal node packs nothing. The internal node sends the return
         * lane with {@code pack-lanes=feedback}.
         */
        @WithName("pack-lanes")
        Optional<List<String>> packLanes();

        /**
         * Lanes this node ingests. Unset: the internal node ingests {@code lanes} and {@code case-lane},
         * the external node ingests nothing. The external node takes the return lane with
         * {@code ingest-lanes=feedback}.
         */
        @WithName("ingest-lanes")
        Optional<List<String>> ingestLanes();

        interface Sftp {
            @WithDefault("127.0.0.1")
            String host();

            @WithDefault("22")
            int port();

            @WithDefault("govhub")
            String user();

            /** OpenSSH private key (ed25519 works) of this node's SFTP account. */
            @WithName("private-key-file")
            @WithDefault("${hub.data-dir}/ferry/sftp_key")
            String privateKeyFile();

            /** known_hosts holding the gap server's host key. */
            @WithName("known-hosts-file")
            @WithDefault("${hub.data-dir}/ferry/known_hosts")
            String knownHostsFile();

            /** yes (default) refuses a server whose host key is not in known-hosts-file. */
            @WithName("strict-host-key-checking")
            @WithDefault("yes")
            String strictHostKeyChecking();
        }

        enum Transport { directory, sftp }
    }

    Supervision supervision();

    /**
     * Electronic supervision (电子监察): the working-day calendar deadlines count on and the schedules of
     * its watchers. Thresholds (yellow share, correction limit, active rules) are not configuration: they
     * are versioned records of the supervision rules repository, changed through the API.
     */
    interface Supervision {
        /**
         * Public holidays (法定节假日): dates or inclusive ranges ({@code 2026-10-01..2026-10-07}). Defaults:
         * the State Council's schedules for 2025 (国办发明电〔2024〕12号) and 2026 (published 2025-11-04);
         * extend the list every year.
         */
        @WithDefault("2025-01-01,2025-01-28..2025-02-04,2025-04-04..2025-04-06,2025-05-01..2025-05-05,"
                + "2025-05-31..2025-06-02,2025-10-01..2025-10-08,"
                + "2026-01-01..2026-01-03,2026-02-15..2026-02-23,2026-04-04..2026-04-06,2026-05-01..2026-05-05,"
                + "2026-06-19..2026-06-21,2026-09-25..2026-09-27,2026-10-01..2026-10-07")
        List<String> holidays();

        /** Make-up working days (调休上班): weekend days on which offices work, same sources as the holidays. */
        @WithName("make-up-working-days")
        @WithDefault("2025-01-26,2025-02-08,2025-04-27,2025-09-28,2025-10-11,"
                + "2026-01-04,2026-02-14,2026-02-28,2026-05-09,2026-09-20,2026-10-10")
        List<String> makeUpWorkingDays();

        /** Time zone whose midnights separate working days. */
        @WithDefault("Asia/Shanghai")
        String zone();

        /** Largest page of the alert list. */
        @WithName("max-page-size")
        @WithDefault("1000")
        int maxPageSize();

        /**
         * How often open cases are judged again against the clock and the current rule sets (scheduler
         * syntax: 5m, PT5M; {@code off} disables the scan).
         */
        @WithName("deadline-scan-every")
        @WithDefault("5m")
        String deadlineScanEvery();

        /** Open cases judged per transaction by the deadline scan. */
        @WithName("deadline-scan-page")
        @WithDefault("500")
        int deadlineScanPage();

        /**
         * How often supervision follows the case change feed: each new version updates the case's time
         * facts and deadline, and its findings become alerts ({@code off} disables following).
         */
        @WithName("follow-every")
        @WithDefault("5s")
        String followEvery();

        /** Feed entries taken in per transaction. */
        @WithName("follow-page")
        @WithDefault("200")
        int followPage();

        /** PostgreSQL work_mem for a statistics query, so a group's percentile sort stays in memory. */
        @WithName("stats-work-mem")
        @WithDefault("64MB")
        String statsWorkMem();
    }
}
