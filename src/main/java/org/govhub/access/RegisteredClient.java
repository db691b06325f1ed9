package org.govhub.access;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer to a registration: the client plus its secret, shown this once and never again. */
public record RegisteredClient(@JsonUnwrapped ClientView client, String clientSecret) {
}
