package org.govhub.aggregation;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;

/**
 * The upstream hub ({@code hub.upstream.*}) as the forwarding route sees it: whether there is one,
 * and the bearer token of the client this node is registered as there.
 */
@Singleton
@Named("upstreamLink")
public class UpstreamLink {
    private final Optional<PeerHub> hub;

    public UpstreamLink(HubConfig config, ObjectMapper json, HubClock clock) {
        HubConfig.Upstream upstream = config.upstream();
        this.hub = upstream.url().filter(url -> !url.isBlank()).map(url -> new PeerHub("upstream " + url, url,
                upstream.clientId().orElseThrow(() -> new IllegalStateException(
                        "hub.upstream.url is set but hub.upstream.client-id is not")),
                upstream.clientSecret(), upstream.clientSecretFile(), json, clock));
    }

    /** True when this node has an upstream: only then does a local change leave an outbox row. */
    public boolean configured() {
        return hub.isPresent();
    }

    /** Sets the {@code Authorization} header of the next request to the upstream. */
    public void authorize(Exchange exchange) throws IOException {
        exchange.getMessage().setHeader("Authorization", require().authorization());
    }

    /** {@code Bearer <token>} of our client at the upstream, for requests made outside Camel. */
    String authorization() throws IOException {
        return require().authorization();
    }

    /** The upstream's base URL, without a trailing slash. */
    String baseUrl() {
        return require().baseUrl();
    }

    /** The upstream refused our token (401): fetch a new one next time. */
    public void tokenRefused() {
        hub.ifPresent(PeerHub::forgetToken);
    }

    private PeerHub require() {
        return hub.orElseThrow(() -> new IllegalStateException("no upstream is configured (hub.upstream.url)"));
    }
}
