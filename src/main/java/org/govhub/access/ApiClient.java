package org.govhub.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A registered client: a municipal platform, an aggregation job, a department system, a person's tool. */
@Entity
@Table(name = "api_client")
public class ApiClient extends PanacheEntityBase {
    @Id
    @Column(name = "client_id")
    public String clientId;

    public String name;

    /** Comma-separated wire names of {@link Role}. */
    public String roles;

    @Column(name = "region_prefix")
    public String regionPrefix;

    @Column(name = "secret_hash")
    public String secretHash;

    public boolean enabled;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    public Set<Role> roleSet() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(",")).filter(s -> !s.isBlank()).map(Role::parse).forEach(set::add);
        return set;
    }

    public void assignRoles(Set<Role> newRoles) {
        roles = newRoles.stream().map(Role::wireName).sorted().collect(Collectors.joining(","));
    }
}
