-- Clients of the hub (OAuth2 client credentials). Secrets are stored only as slow salted hashes.
CREATE TABLE api_client (
    client_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    name           VARCHAR(200) NOT NULL,
    roles          VARCHAR(400) NOT NULL,
    region_prefix  VARCHAR(6)   NOT NULL,
    secret_hash    VARCHAR(200) NOT NULL,
    enabled        BOOLEAN      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by     VARCHAR(64)
);
