-- Where each archived case version went: the archive set (object prefix in the archive bucket)
-- that holds it, so a read of an archived case takes the slower path to exactly one object.
CREATE TABLE case_version_archived (
    case_no         VARCHAR(64)  NOT NULL,
    data_version    BIGINT       NOT NULL,
    feed_position   BIGINT       NOT NULL,
    content_sm3     VARCHAR(64)  NOT NULL,
    object_prefix   VARCHAR(200) NOT NULL,
    PRIMARY KEY (case_no, data_version)
);
