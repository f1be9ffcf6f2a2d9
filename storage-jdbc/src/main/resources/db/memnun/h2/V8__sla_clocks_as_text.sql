-- memnun schema 8: the response-time clocks are kept as plain text on both databases (on H2 they already were);
-- the version is kept in step with PostgreSQL's scripts.
ALTER TABLE ${prefix}feedback ALTER COLUMN sla_clocks SET DATA TYPE varchar;
