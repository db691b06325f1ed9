package org.govhub.access;

import java.util.List;

/** What an admin sends to register a client. */
public record ClientRegistration(String clientId, String name, List<Role> roles, String regionPrefix) {
}
