package org.govhub.ferry;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.cert.CertificateEncodingException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.govhub.common.HubConfig;
import org.govhub.signing.Sm3;
import org.govhub.signing.SigningService;

/** This node's side of the gap: its ferry settings, lanes, limits and signer identity. */
@ApplicationScoped
public class FerryNode {
    private final HubConfig config;
    private final String certificateSm3;

    public FerryNode(HubConfig config, SigningService signing) {
        this.config = config;
        try {
            this.certificateSm3 = Sm3.hex(Sm3.digest(signing.certificate().getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the signing certificate cannot be encoded", e);
        }
    }

    public HubConfig.Ferry settings() {
        return config.ferry();
    }

    public boolean enabled() {
        return config.ferry().enabled();
    }

    public String nodeId() {
        return config.nodeId();
    }

    public HubConfig.Zone zone() {
        return config.zone();
    }

    public boolean sends() {
        return config.zone() == HubConfig.Zone.external;
    }

    /** The zone on the other side of the gap, which bundles from this node are addressed to. */
    public HubConfig.Zone peerZone() {
        return sends() ? HubConfig.Zone.internal : HubConfig.Zone.external;
    }

    /** Every lane this node packs or ingests (for status and metrics). */
    public List<Lane> lanes() {
        TreeSet<Lane> lanes = new TreeSet<>(packLanes());
        lanes.addAll(ingestLanes());
        return List.copyOf(lanes);
    }

    /**
     * Lanes this node seals into bundles and ships: {@code hub.ferry.pack-lanes}, or by default on the
     * external node {@code lanes} and {@code case-lane}, on the internal node none.
     */
    public List<Lane> packLanes() {
        return config.ferry().packLanes().map(FerryNode::parse)
                .orElseGet(() -> sends() ? configuredLanes() : List.of());
    }

    /**
     * Lanes this node verifies and ingests: {@code hub.ferry.ingest-lanes}, or by default on the
     * internal node {@code lanes} and {@code case-lane}, on the external node none.
     */
    public List<Lane> ingestLanes() {
        return config.ferry().ingestLanes().map(FerryNode::parse)
                .orElseGet(() -> sends() ? List.of() : configuredLanes());
    }

    /**
     * The lane on which case versions accepted on this node cross the gap, if this node packs it: the
     * case lane on the external node, the return lane on the internal node.
     */
    public Optional<Lane> caseVersionLane() {
        Lane lane = Lane.parse(sends() ? config.ferry().caseLane() : config.ferry().returnLane());
        return packLanes().contains(lane) ? Optional.of(lane) : Optional.empty();
    }

    private List<Lane> configuredLanes() {
        TreeSet<Lane> lanes = new TreeSet<>();
        config.ferry().lanes().forEach(name -> lanes.add(Lane.parse(name.trim())));
        lanes.add(Lane.parse(config.ferry().caseLane()));
        return List.copyOf(lanes);
    }

    private static List<Lane> parse(List<String> names) {
        TreeSet<Lane> lanes = new TreeSet<>();
        names.stream().map(String::trim).filter(n -> !n.isEmpty()).forEach(n -> lanes.add(Lane.parse(n)));
        return List.copyOf(lanes);
    }

    public BundleLimits limits() {
        return BundleLimits.of(config.ferry());
    }

    /** SM3 of this node's signing certificate, declared in everything it signs for the gap. */
    public String certificateSm3() {
        return certificateSm3;
    }
}
