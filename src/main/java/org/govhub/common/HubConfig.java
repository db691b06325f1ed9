package org.govhub.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
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

        /**
         * Statistics by stage or post aggregate each stage or post in its own query; this many run at once,
         * each on its own connection.
         */
        @WithName("stats-parallelism")
        @WithDefault("2")
        int statsParallelism();

        /** PostgreSQL work_mem for a statistics query, so a group's percentile sort stays in memory. */
        @WithName("stats-work-mem")
        @WithDefault("64MB")
        String statsWorkMem();
    }
}
