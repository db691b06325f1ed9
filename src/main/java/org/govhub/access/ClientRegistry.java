package org.govhub.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.govhub.common.HubClock;
import org.govhub.common.RegionPrefix;
import org.govhub.common.problem.FieldError;
import org.govhub.common.problem.ProblemException;

/** Registers, authenticates and disables clients. */
@ApplicationScoped
public class ClientRegistry {
    private static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    private final SecretHasher hasher;
    private final HubClock clock;
    private final org.govhub.audit.AuditLog audit;
    /** Compared against when the client id is unknown, so a miss costs as much as a wrong secret. */
    private final String decoyHash;

    public ClientRegistry(SecretHasher hasher, HubClock clock, org.govhub.audit.AuditLog audit) {
        this.hasher = hasher;
        this.clock = clock;
        this.audit = audit;
        this.decoyHash = hasher.hash(SecretHasher.newSecret());
    }

    /** The enabled client with this id and secret, or empty: never says which of the two was wrong. */
    public Optional<ApiClient> authenticate(String clientId, String secret) {
        ApiClient client = clientId == null ? null : ApiClient.findById(clientId);
        boolean secretOk = hasher.matches(secret == null ? "" : secret, client == null ? decoyHash : client.secretHash);
        return client != null && client.enabled && secretOk ? Optional.of(client) : Optional.empty();
    }

    /** The caller a valid token stands for, when its client still exists and is enabled. */
    public Optional<Caller> callerFor(String clientId) {
        ApiClient client = ApiClient.findById(clientId);
        if (client == null || !client.enabled) {
            return Optional.empty();
        }
        return Optional.of(new Caller(client.clientId, client.roleSet(), RegionPrefix.parse(client.regionPrefix)));
    }

    @Transactional
    public RegisteredClient register(Caller admin, ClientRegistration request) {
        RegionPrefix prefix = validate(request);
        if (!admin.regionPrefix().covers(prefix.value()) || prefix.value().length() < admin.regionPrefix().value().length()) {
            throw ProblemException.forbidden("region prefix " + prefix.value()
                    + " is wider than or outside this admin's region prefix " + admin.regionPrefix().value());
        }
        if (ApiClient.findById(request.clientId()) != null) {
            throw ProblemException.conflict("client " + request.clientId() + " already exists");
        }
        String secret = SecretHasher.newSecret();
        ApiClient client = new ApiClient();
        client.clientId = request.clientId();
        client.name = request.name();
        client.assignRoles(Set.copyOf(request.roles()));
        client.regionPrefix = prefix.value();
        client.secretHash = hasher.hash(secret);
        client.enabled = true;
        client.createdAt = clock.instant();
        client.createdBy = admin.clientId();
        client.persist();
        audit.record(org.govhub.audit.AuditEntry.of("client.register", "client", client.clientId, "created"));
        return new RegisteredClient(ClientView.of(client), secret);
    }

    /** Creates or re-keys the bootstrap admin; used only at start-up. */
    @Transactional
    public void ensureAdmin(String clientId, String secret, String regionPrefix) {
        ApiClient admin = ApiClient.findById(clientId);
        if (admin == null) {
            admin = new ApiClient();
            admin.clientId = clientId;
            admin.name = "bootstrap administrator";
            admin.assignRoles(Set.of(Role.ADMIN));
            admin.regionPrefix = regionPrefix;
            admin.enabled = true;
            admin.createdAt = clock.instant();
            admin.secretHash = hasher.hash(secret);
            admin.persist();
        } else if (!hasher.matches(secret, admin.secretHash)) {
            admin.secretHash = hasher.hash(secret);
        }
    }

    @Transactional
    public ClientView setEnabled(Caller admin, String clientId, boolean enabled) {
        ApiClient client = visibleTo(admin, clientId);
        if (client.clientId.equals(admin.clientId()) && !enabled) {
            throw ProblemException.conflict("an admin cannot disable its own client");
        }
        client.enabled = enabled;
        audit.record(org.govhub.audit.AuditEntry.of(enabled ? "client.enable" : "client.disable", "client", clientId, "done"));
        return ClientView.of(client);
    }

    public ClientView find(Caller admin, String clientId) {
        return ClientView.of(visibleTo(admin, clientId));
    }

    public List<ClientView> list(Caller admin) {
        List<ApiClient> all = ApiClient.list("order by clientId");
        return all.stream().filter(c -> admin.covers(c.regionPrefix)).map(ClientView::of).toList();
    }

    private ApiClient visibleTo(Caller admin, String clientId) {
        ApiClient client = ApiClient.findById(clientId);
        if (client == null || !admin.regionPrefix().covers(client.regionPrefix)) {
            throw ProblemException.notFound("no client " + clientId);
        }
        return client;
    }

    private static RegionPrefix validate(ClientRegistration request) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (request.clientId() == null || !CLIENT_ID.matcher(request.clientId()).matches()) {
            errors.add(new FieldError("clientId", "must be 3-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit"));
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            errors.add(new FieldError("name", "is required, at most 200 characters"));
        }
        if (request.roles() == null || request.roles().isEmpty()) {
            errors.add(new FieldError("roles", "at least one role is required"));
        } else if (request.roles().contains(null)) {
            errors.add(new FieldError("roles", "must not contain null"));
        }
        RegionPrefix prefix = null;
        try {
            prefix = RegionPrefix.parse(request.regionPrefix());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("regionPrefix", e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return prefix;
    }
}
