package org.govhub.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.govhub.common.HubConfig;
import org.govhub.common.InvalidValueException;
import org.govhub.common.RegionCode;
import org.govhub.common.problem.FieldError;

/**
 * Where a case version entered the exchange and the path it travelled to this node (issue 7): one
 * hop per node that stored it, county → city → province, this node last. Not part of the record's
 * content: the same version reached by two routes is {@code unchanged} and keeps its first path.
 * A node forwarding or pulling a version hands on its stored path as the record's {@code origin}
 * member; the receiving node checks it and appends its own hop.
 */
public record CaseOrigin(String node, String region, List<Hop> path) {
    /** More hops than a county → city → province chain could ever need, with room for relays. */
    static final int MAX_HOPS = 8;
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> TIERS = Set.of("county", "city", "province");
    private static final Set<String> ORIGIN_FIELDS = Set.of("node", "region", "path");
    private static final Set<String> HOP_FIELDS = Set.of("node", "region", "tier", "at", "client");

    /** A node that stored the version: who it is, when it received the version, and from which client. */
    public record Hop(String node, String region, String tier, Instant at, String client) {
    }

    /** The path so far plus this node's hop: what this node stores with a version it accepts. */
    public static CaseOrigin arrivedAt(List<Hop> before, HubConfig config, Instant at, String client) {
        List<Hop> path = new ArrayList<>(before);
        path.add(new Hop(config.nodeId(), config.regionCode(), config.tier().name(), at, client));
        return new CaseOrigin(path.get(0).node(), path.get(0).region(), List.copyOf(path));
    }

    /** The stored form (sorted keys, UTC instants), kept beside the record in {@code case_version.origin_json}. */
    public String json() {
        try {
            return CaseJson.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a case origin must always serialise", e);
        }
    }

    /**
     * The hops of an incoming {@code origin} member ({@code node} and {@code region} are derived from
     * the first hop and ignored), or errors at {@code <path>.origin…}.
     */
    public static List<Hop> readPath(JsonNode origin, String path, List<FieldError> errors) {
        String at = path + ".origin";
        if (origin == null || origin.isNull()) {
            return List.of();
        }
        if (!origin.isObject()) {
            errors.add(new FieldError(at, "must be a JSON object {\"path\": [...]}"));
            return List.of();
        }
        origin.fieldNames().forEachRemaining(name -> {
            if (!ORIGIN_FIELDS.contains(name)) {
                errors.add(new FieldError(at + "." + name, "is not a field of an origin"));
            }
        });
        JsonNode hops = origin.get("path");
        if (hops == null || !hops.isArray() || hops.isEmpty() || hops.size() >= MAX_HOPS) {
            errors.add(new FieldError(at + ".path", "must be an array of 1 to " + (MAX_HOPS - 1) + " hops"));
            return List.of();
        }
        List<Hop> read = new ArrayList<>(hops.size());
        for (int i = 0; i < hops.size(); i++) {
            Hop hop = hop(hops.get(i), at + ".path[" + i + "]", errors);
            if (hop != null) {
                read.add(hop);
            }
        }
        return read;
    }

    private static Hop hop(JsonNode hop, String at, List<FieldError> errors) {
        if (hop == null || !hop.isObject()) {
            errors.add(new FieldError(at, "must be a JSON object {node, region, tier, at, client}"));
            return null;
        }
        int before = errors.size();
        hop.fieldNames().forEachRemaining(name -> {
            if (!HOP_FIELDS.contains(name)) {
                errors.add(new FieldError(at + "." + name, "is not a field of a hop"));
            }
        });
        String node = hop.path("node").asText("");
        if (!hop.path("node").isTextual() || !NODE_ID.matcher(node).matches()) {
            errors.add(new FieldError(at + ".node", "must be a node id of 1-64 letters, digits, '.', '_' or '-'"));
        }
        String region = hop.path("region").asText("");
        try {
            RegionCode.parse(region);
        } catch (InvalidValueException e) {
            errors.add(new FieldError(at + ".region", "must be a 6-digit region code"));
        }
        String tier = hop.path("tier").asText("");
        if (!TIERS.contains(tier)) {
            errors.add(new FieldError(at + ".tier", "must be county, city or province"));
        }
        Instant time = null;
        try {
            time = IsoInstant.parse(hop.path("at").asText(""));
        } catch (RuntimeException e) {
            errors.add(new FieldError(at + ".at", "must be an ISO-8601 instant with an offset"));
        }
        String client = hop.path("client").isTextual() ? hop.path("client").asText() : null;
        if (client != null && (client.isEmpty() || client.length() > 64)) {
            errors.add(new FieldError(at + ".client", "must be a client id of at most 64 characters"));
        }
        return errors.size() == before ? new Hop(node, region, tier, time, client) : null;
    }
}
