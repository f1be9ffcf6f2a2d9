-- memnun schema 8: the response-time clocks are rewritten on every step of a feedback and never queried inside
-- (the SLA monitor uses next_sla_check_at), so they are kept as text: jsonb would parse and re-encode each write.
ALTER TABLE ${prefix}feedback ALTER COLUMN sla_clocks TYPE text USING sla_clocks::text;
