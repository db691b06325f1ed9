package org.govhub.access;

import java.time.Instant;
import java.util.List;

/** A client as the admin API shows it: never the secret or its hash. */
public record ClientView(String clientId, String name, List<Role> roles, String regionPrefix, boolean enabled,
        Instant createdAt, String createdBy) {

    static ClientView of(ApiClient client) {
        return new ClientView(client.clientId, client.name, client.roleSet().stream().sorted().toList(),
                client.regionPrefix, client.enabled, client.createdAt, client.createdBy);
    }
}
