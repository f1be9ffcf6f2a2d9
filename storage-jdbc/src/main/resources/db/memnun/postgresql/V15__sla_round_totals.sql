-- memnun schema 15 for PostgreSQL 14+: the response-time clock rounds that ended, kept as totals on the feedback row
-- instead of a row each (schema 11's sla_round). The reports need no more than these: rounds met and missed per
-- target, and the working time the resolution rounds used. Counting them in the row the change writes anyway costs a
-- few values where a row of its own cost a second table, its index and its share of the write-ahead log.
-- Each round's start, stop and working time stay in the history, in the details of the event that stopped it.
-- A constant default: PostgreSQL adds these columns without rewriting the table.

ALTER TABLE ${prefix}feedback
    ADD COLUMN sla_acknowledgement_met          integer  NOT NULL DEFAULT 0,
    ADD COLUMN sla_acknowledgement_missed       integer  NOT NULL DEFAULT 0,
    ADD COLUMN sla_first_response_met           integer  NOT NULL DEFAULT 0,
    ADD COLUMN sla_first_response_missed        integer  NOT NULL DEFAULT 0,
    ADD COLUMN sla_resolution_met               integer  NOT NULL DEFAULT 0,
    ADD COLUMN sla_resolution_missed            integer  NOT NULL DEFAULT 0,
    ADD COLUMN sla_planned_completion_met       integer  NOT NULL DEFAULT 0,
    ADD COLUMN sla_planned_completion_missed    integer  NOT NULL DEFAULT 0,
    ADD COLUMN sla_resolution_used_ms           bigint   NOT NULL DEFAULT 0;

UPDATE ${prefix}feedback f SET
    sla_acknowledgement_met = r.acknowledgement_met, sla_acknowledgement_missed = r.acknowledgement_missed,
    sla_first_response_met = r.first_response_met, sla_first_response_missed = r.first_response_missed,
    sla_resolution_met = r.resolution_met, sla_resolution_missed = r.resolution_missed,
    sla_planned_completion_met = r.planned_completion_met, sla_planned_completion_missed = r.planned_completion_missed,
    sla_resolution_used_ms = r.resolution_used_ms
FROM (
    SELECT tenant, feedback_id,
           COUNT(*) FILTER (WHERE kind = 'ACKNOWLEDGEMENT' AND met) AS acknowledgement_met,
           COUNT(*) FILTER (WHERE kind = 'ACKNOWLEDGEMENT' AND NOT met) AS acknowledgement_missed,
           COUNT(*) FILTER (WHERE kind = 'FIRST_RESPONSE' AND met) AS first_response_met,
           COUNT(*) FILTER (WHERE kind = 'FIRST_RESPONSE' AND NOT met) AS first_response_missed,
           COUNT(*) FILTER (WHERE kind = 'RESOLUTION' AND met) AS resolution_met,
           COUNT(*) FILTER (WHERE kind = 'RESOLUTION' AND NOT met) AS resolution_missed,
           COUNT(*) FILTER (WHERE kind = 'PLANNED_COMPLETION' AND met) AS planned_completion_met,
           COUNT(*) FILTER (WHERE kind = 'PLANNED_COMPLETION' AND NOT met) AS planned_completion_missed,
           COALESCE(SUM(used_ms) FILTER (WHERE kind = 'RESOLUTION'), 0) AS resolution_used_ms
    FROM ${prefix}sla_round GROUP BY tenant, feedback_id) r
WHERE f.tenant = r.tenant AND f.id = r.feedback_id;

DROP TABLE ${prefix}sla_round;
