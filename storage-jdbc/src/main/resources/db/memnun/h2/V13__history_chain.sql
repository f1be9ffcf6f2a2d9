-- memnun schema 13: the hash chain over each feedback's history (see io.memnun.feedback.HistoryChain).
-- text_digests: the SHA-256 digests of the event's note and detail values (JSON, keys "note" and "detail:<key>"),
-- which the chain covers instead of the text, so anonymisation may blank the text; chain_hash: the event's link.
-- Events written before this version are sealed by the Java migration 13.1 that follows.
ALTER TABLE ${prefix}feedback_event ADD COLUMN text_digests varchar;
ALTER TABLE ${prefix}feedback_event ADD COLUMN chain_hash varbinary(32);
