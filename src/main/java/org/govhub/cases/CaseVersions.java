package org.govhub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.govhub.common.HubConfig;
import org.govhub.common.storage.ObjectStore;
import org.govhub.signing.Sm3;

/**
 * Every version of a case, wherever it now lives: online in {@code case_version}, or, once older than
 * the online window, in an archive set in object storage (the slower path). An archived version is
 * read back only if its record still hashes to the contentSm3 recorded when it was archived.
 */
@ApplicationScoped
public class CaseVersions {
    private final EntityManager em;
    private final ObjectStore store;
    private final HubConfig config;

    public CaseVersions(EntityManager em, ObjectStore store, HubConfig config) {
        this.em = em;
        this.store = store;
        this.config = config;
    }

    /** Every version, oldest first. */
    public List<CaseVersion> allOf(String caseNo) {
        List<CaseVersion> versions = new ArrayList<>(CaseVersion.allOf(caseNo));
        @SuppressWarnings("unchecked")
        List<Object[]> archived = em.createNativeQuery("SELECT data_version, content_sm3, object_prefix "
                + "FROM case_version_archived WHERE case_no = ?1 ORDER BY data_version").setParameter(1, caseNo).getResultList();
        if (archived.isEmpty()) {
            return versions;
        }
        Map<String, Map<Long, String>> wantedBySet = new LinkedHashMap<>();
        for (Object[] row : archived) {
            wantedBySet.computeIfAbsent((String) row[2], k -> new LinkedHashMap<>()).put(((Number) row[0]).longValue(), (String) row[1]);
        }
        wantedBySet.forEach((prefix, wanted) -> versions.addAll(readArchived(caseNo, prefix, wanted)));
        versions.sort(Comparator.comparingLong(v -> v.dataVersion));
        return versions;
    }

    /** One version, online or archived. */
    public CaseVersion of(String caseNo, long dataVersion) {
        CaseVersion online = CaseVersion.of(caseNo, dataVersion);
        if (online != null) {
            return online;
        }
        return allOf(caseNo).stream().filter(v -> v.dataVersion == dataVersion).findFirst()
                .orElseThrow(() -> new IllegalStateException("case " + caseNo + " version " + dataVersion + " is neither online nor archived"));
    }

    private List<CaseVersion> readArchived(String caseNo, String prefix, Map<Long, String> wanted) {
        List<CaseVersion> found = new ArrayList<>();
        try (InputStream raw = store.get(config.storage().archiveBucket(), prefix + "content.ndjson.gz");
                BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null && found.size() < wanted.size(); ) {
                if (!line.contains(caseNo)) {
                    continue;
                }
                JsonNode node = CaseJson.tree(line);
                long version = node.path("dataVersion").asLong();
                if (!caseNo.equals(node.path("caseNo").asText()) || !wanted.containsKey(version)) {
                    continue;
                }
                String recordJson = node.path("recordJson").asText();
                String sm3 = Sm3.hex(Sm3.digest(recordJson.getBytes(StandardCharsets.UTF_8)));
                if (!sm3.equals(wanted.get(version)) || !sm3.equals(node.path("contentSm3").asText())) {
                    throw new IllegalStateException("archived case " + caseNo + " version " + version + " in " + prefix
                            + " does not match its recorded SM3");
                }
                found.add(version(node, recordJson));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read archive " + prefix, e);
        }
        if (found.size() != wanted.size()) {
            throw new IllegalStateException("archive " + prefix + " lacks versions of case " + caseNo);
        }
        return found;
    }

    private static CaseVersion version(JsonNode node, String recordJson) {
        CaseVersion v = new CaseVersion();
        v.caseNo = node.path("caseNo").asText();
        v.dataVersion = node.path("dataVersion").asLong();
        v.itemCode = node.path("itemCode").asText();
        v.regionCode = node.path("regionCode").asText();
        v.status = node.path("status").asText();
        v.contentSm3 = node.path("contentSm3").asText();
        v.recordJson = recordJson;
        v.sourceClient = node.path("sourceClient").asText();
        v.receivedAt = Instant.parse(node.path("receivedAt").asText());
        v.batchId = node.path("batchId").asText();
        return v;
    }
}
