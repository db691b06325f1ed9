-- Efficiency statistics by stage and post, pre-aggregated: one row per (kind, stage or post name, region
-- code, period of 10 days of acceptance time), recomputed from supervision_case_part in the transaction that
-- changes a case's stage and post rows (CaseSupervision), so the buckets always equal the rows.
--
-- A period is 864,000 s of acceptance time counted from the Unix epoch: period = floor(epoch seconds /
-- 864000). The statistics add the buckets of the periods wholly inside the requested window and read the
-- rows of the (at most two) partial periods at its edges directly; see EfficiencyStats.
--
--   accepted      rows (a case that went through the stage or post)
--   finished      rows of finished cases; on_time of those finished on time; late of those finished late
--   corrected     rows where a correction was asked for at that stage or post
--   timed         rows with working days (the part's steps have ended); timed_days their sum
--   open_due      rows of open cases with a due instant; open_due_max the latest such due instant. Whether an
--                 open case is overdue depends on the time of the request: a bucket whose open_due_max has
--                 passed counts all its open_due rows as overdue, the others are counted from the rows.
CREATE TABLE supervision_part_period (
    kind          VARCHAR(5)   NOT NULL,
    period        BIGINT       NOT NULL,
    region_code   VARCHAR(6)   NOT NULL,
    name          VARCHAR(100) NOT NULL,
    accepted      BIGINT       NOT NULL,
    finished      BIGINT       NOT NULL,
    on_time       BIGINT       NOT NULL,
    late          BIGINT       NOT NULL,
    corrected     BIGINT       NOT NULL,
    timed         BIGINT       NOT NULL,
    timed_days    DOUBLE PRECISION NOT NULL,
    open_due      BIGINT       NOT NULL,
    open_due_max  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (kind, period, region_code, name)
);

-- The first bucket with an open case not yet due: a short range of this index.
CREATE INDEX supervision_part_period_open ON supervision_part_period (kind, open_due_max, period, region_code);

-- Recomputing one bucket reads its rows through this index.
CREATE INDEX supervision_case_part_bucket ON supervision_case_part (kind, name, region_code, accepted_at);
-- The partial periods at a window's edges, and the open cases of periods not yet wholly due, are read
-- from this covering index (index-only on PostgreSQL).
CREATE INDEX supervision_case_part_accepted ON supervision_case_part
    (kind, accepted_at, region_code, name, finished_at, on_time, due_at, working_days, corrected);

INSERT INTO supervision_part_period (kind, period, region_code, name, accepted, finished, on_time, late, corrected,
    timed, timed_days, open_due, open_due_max)
SELECT kind, CAST(FLOOR(EXTRACT(EPOCH FROM accepted_at) / 864000) AS BIGINT), region_code, name, COUNT(*),
    SUM(CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN finished_at IS NOT NULL AND on_time THEN 1 ELSE 0 END),
    SUM(CASE WHEN finished_at IS NOT NULL AND NOT on_time THEN 1 ELSE 0 END),
    SUM(CASE WHEN corrected THEN 1 ELSE 0 END),
    SUM(CASE WHEN working_days IS NOT NULL THEN 1 ELSE 0 END),
    COALESCE(SUM(working_days), 0),
    SUM(CASE WHEN finished_at IS NULL AND due_at IS NOT NULL THEN 1 ELSE 0 END),
    MAX(CASE WHEN finished_at IS NULL THEN due_at END)
FROM supervision_case_part
GROUP BY kind, CAST(FLOOR(EXTRACT(EPOCH FROM accepted_at) / 864000) AS BIGINT), region_code, name;
