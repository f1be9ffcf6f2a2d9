-- memnun schema 3: staff watching a feedback, the routing rules' version that routed it, and duplicate links.

ALTER TABLE ${prefix}feedback ADD COLUMN watchers varchar;
ALTER TABLE ${prefix}feedback ADD COLUMN routing_version bigint;
ALTER TABLE ${prefix}feedback ADD COLUMN possible_duplicate_of uuid;
ALTER TABLE ${prefix}feedback ADD COLUMN merged_into uuid;
