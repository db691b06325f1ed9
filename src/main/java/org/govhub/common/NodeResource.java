package org.govhub.common;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.govhub.access.Public;
import org.govhub.signing.SignedJson;
import org.govhub.signing.Sm3;
import org.govhub.signing.SigningService;

/** Who this node is, signed: the first thing a peer or a newcomer checks. */
@Path("/api/v1/node")
@Public
public class NodeResource {
    private final HubConfig config;
    private final SigningService signing;
    private final SignedJson signed;
    private final HubClock clock;

    public NodeResource(HubConfig config, SigningService signing, SignedJson signed, HubClock clock) {
        this.config = config;
        this.signing = signing;
        this.signed = signed;
        this.clock = clock;
    }

    @GET
    public Response describe() throws java.security.cert.CertificateEncodingException {
        return signed.ok(new NodeIdentity(config.nodeId(), config.tier().name(), config.regionCode(),
                config.zone().name(), Sm3.hex(Sm3.digest(signing.certificate().getEncoded())),
                clock.instant().toString()));
    }

    public record NodeIdentity(String nodeId, String tier, String regionCode, String zone,
            String certificateSm3, String servedAt) {
    }
}
