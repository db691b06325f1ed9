-- The supervision view of every case (part of 监察业务信息库): the current version's time facts in
-- working days, computed once per version with the hub's working-day calendar (holidays, make-up days,
-- suspension and correction pauses), so efficiency statistics aggregate plain columns in SQL.
--
-- Working days are DOUBLE PRECISION (standard SQL on both PostgreSQL and H2): percentile_cont works
-- on double precision, and the grouping indexes below carry the value right after the group key, so
-- PostgreSQL reads each group's values already sorted from an index-only scan.
CREATE TABLE supervision_case (
    case_no                VARCHAR(64)  NOT NULL PRIMARY KEY,
    data_version           BIGINT       NOT NULL,
    item_code              VARCHAR(20)  NOT NULL,
    department             VARCHAR(10)  NOT NULL,
    region_code            VARCHAR(6)   NOT NULL,
    status                 VARCHAR(20)  NOT NULL,
    accepted_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at            TIMESTAMP WITH TIME ZONE,
    -- NULL when nothing was promised: such cases count neither as on time nor as overdue.
    promised_working_days  DOUBLE PRECISION,
    -- The instant the promised time runs out with the pauses known so far; NULL while a pause holds the
    -- clock before it, or when nothing was promised.
    due_at                 TIMESTAMP WITH TIME ZONE,
    -- Finished cases only: accepted to finished, pauses left out.
    handling_working_days  DOUBLE PRECISION,
    on_time                BOOLEAN,
    correction_count       INTEGER      NOT NULL,
    -- The pause intervals as JSON [[start, end-or-null], ...], for the periodic deadline scan.
    pauses                 TEXT         NOT NULL,
    -- The highest card reached at the last evaluation: none, yellow or red.
    deadline_level         VARCHAR(10)  NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX supervision_case_by_department ON supervision_case
    (department, handling_working_days, region_code, accepted_at, finished_at, on_time, due_at, correction_count);
CREATE INDEX supervision_case_by_item ON supervision_case
    (item_code, handling_working_days, region_code, accepted_at, finished_at, on_time, due_at, correction_count);
CREATE INDEX supervision_case_open ON supervision_case (finished_at, case_no);

-- Time each case spent per stage (环节, the step name) and per post (岗位), with the case's columns the
-- statistics filter on copied in, so grouping by stage or post reads one index.
CREATE TABLE supervision_case_part (
    case_no       VARCHAR(64)  NOT NULL,
    kind          VARCHAR(5)   NOT NULL,   -- stage or post
    name          VARCHAR(100) NOT NULL,
    -- Sum over the part's steps that have ended, pauses left out; NULL when none has ended.
    working_days  DOUBLE PRECISION,
    corrected     BOOLEAN      NOT NULL,
    region_code   VARCHAR(6)   NOT NULL,
    accepted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    on_time       BOOLEAN,
    due_at        TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (case_no, kind, name)
);
CREATE INDEX supervision_case_part_group ON supervision_case_part
    (kind, name, working_days, region_code, accepted_at, corrected, finished_at, on_time, due_at);

-- How far supervision has followed a feed (the case change feed), committed with what it derived.
CREATE TABLE supervision_cursor (
    name       VARCHAR(40) NOT NULL PRIMARY KEY,
    position   BIGINT      NOT NULL
);
INSERT INTO supervision_cursor (name, position) VALUES ('case-feed', 0);
