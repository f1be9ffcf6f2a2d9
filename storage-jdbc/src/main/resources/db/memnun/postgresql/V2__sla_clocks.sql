-- memnun schema 2: response-time clocks kept with each feedback, and the SLA monitor's work list.
-- The clocks are read whole with their feedback (JSON); the one instant the monitor selects on is a column.

ALTER TABLE ${prefix}feedback ADD COLUMN sla_clocks jsonb;
ALTER TABLE ${prefix}feedback ADD COLUMN next_sla_check_at timestamptz;

-- across tenants, earliest first: WHERE next_sla_check_at <= ? ORDER BY next_sla_check_at, id LIMIT ?;
-- partial, since feedback with no pending checkpoint (most closed ones) has nothing here
CREATE INDEX ${prefix}feedback_sla_check_ix ON ${prefix}feedback (next_sla_check_at, id) WHERE next_sla_check_at IS NOT NULL;
