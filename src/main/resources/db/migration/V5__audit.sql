-- Tamper-evident audit trail: each row's hash covers the previous row's hash (an SM3 chain).
CREATE TABLE audit_event (
    seq             BIGINT       NOT NULL PRIMARY KEY,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    client_id       VARCHAR(64)  NOT NULL,
    operation       VARCHAR(100) NOT NULL,
    resource_type   VARCHAR(50)  NOT NULL,
    resource_id     VARCHAR(300),
    outcome         VARCHAR(30)  NOT NULL,
    purpose         VARCHAR(500),
    request_sm3     VARCHAR(64),
    subject_digest  VARCHAR(64),
    prev_hash       VARCHAR(64)  NOT NULL,
    row_hash        VARCHAR(64)  NOT NULL
);
CREATE INDEX audit_event_client ON audit_event (client_id, occurred_at);
CREATE INDEX audit_event_resource ON audit_event (resource_type, resource_id);
CREATE INDEX audit_event_time ON audit_event (occurred_at);

-- The chain head: locked by every writer, so rows get consecutive sequence numbers in commit order.
CREATE TABLE audit_chain_head (
    id         INTEGER     NOT NULL PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    last_hash  VARCHAR(64) NOT NULL
);
INSERT INTO audit_chain_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
