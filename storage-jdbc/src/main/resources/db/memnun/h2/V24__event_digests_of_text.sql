-- memnun schema 24: no change to the tables. From this version on, an event's text_digests column holds '=' when the
-- digests are those of the event's text as stored (always so for what memnun writes), computed from the text when the
-- history is read, instead of the digests as JSON, which were most of an event's row. Versions before it cannot read
-- '='; the version number makes an older memnun refuse to start against a database a newer one has written to,
-- instead of failing on the first history it verifies. Digests written before stay as they are and are still read.
SELECT 1;
