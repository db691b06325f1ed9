-- Upward forwarding of licences and catalogue changes (issue 7). Rows for them go into the same
-- aggregation_outbox as case versions, distinguished by its kind column.

-- Where a licence entered the exchange and the path it travelled ({node, region, path: [hops]}, as
-- for case versions); NULL for licences issued before this migration. revision counts the licence's
-- status changes at the node that issued it (0 when issued, +1 per revocation or suspension): a
-- licence version is (licence_id, revision), and a forwarded status change whose revision is not
-- above the stored one is recognised as already applied.
ALTER TABLE licence ADD COLUMN origin_json TEXT;
ALTER TABLE licence ADD COLUMN revision INTEGER DEFAULT 0 NOT NULL;

-- A catalogue change that a downstream node reviewed and forwarded: origin_key names it at the node
-- where it was approved (<node>/<change id>), once per node, so a change sent twice is applied once;
-- origin_json holds the origin, path and the downstream's review record.
ALTER TABLE catalog_change ADD COLUMN origin_key VARCHAR(200);
ALTER TABLE catalog_change ADD COLUMN origin_json TEXT;
CREATE UNIQUE INDEX catalog_change_origin_key ON catalog_change (origin_key);

-- The origin of an item's effective version when a forwarded change made it (NULL: entered here).
-- A downstream may change or retire only items its own region's forwarded changes made.
ALTER TABLE catalog_item ADD COLUMN origin_json TEXT;
