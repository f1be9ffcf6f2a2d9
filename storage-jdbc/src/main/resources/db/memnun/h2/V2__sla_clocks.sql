-- memnun schema 2: response-time clocks kept with each feedback, and the SLA monitor's work list.
-- The clocks are read whole with their feedback (JSON text); the one instant the monitor selects on is a column.

ALTER TABLE ${prefix}feedback ADD COLUMN sla_clocks varchar;
ALTER TABLE ${prefix}feedback ADD COLUMN next_sla_check_at timestamp(6) with time zone;

-- across tenants, earliest first: WHERE next_sla_check_at <= ? ORDER BY next_sla_check_at, id LIMIT ?
CREATE INDEX ${prefix}feedback_sla_check_ix ON ${prefix}feedback (next_sla_check_at, id);
