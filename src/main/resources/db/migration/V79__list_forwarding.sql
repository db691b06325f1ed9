-- Upward forwarding of responsibility-list and special-fund-list changes (issue 7). A list entry's id
-- is local to each node, so an entry made here by a forwarded change keeps the name it has at the
-- node where it was first added (origin_entry, <node>/<entry id>, once per node): later forwarded
-- changes and cancellations find it by that name. origin_json holds the origin, path and review
-- record of the forwarded change that made its effective version (NULL: entered here; a downstream
-- may change or cancel only entries its own region's forwarded changes made).
ALTER TABLE catalog_list_entry ADD COLUMN origin_entry VARCHAR(200);
ALTER TABLE catalog_list_entry ADD COLUMN origin_json TEXT;
CREATE UNIQUE INDEX catalog_list_entry_origin_entry ON catalog_list_entry (origin_entry);
