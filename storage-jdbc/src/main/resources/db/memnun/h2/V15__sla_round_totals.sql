-- memnun schema 15 for H2 2.x: the response-time clock rounds that ended, kept as totals on the feedback row instead
-- of a row each (schema 11's sla_round). The reports need no more than these: rounds met and missed per target, and
-- the working time the resolution rounds used. Counting them in the row the change writes anyway costs a few values
-- where a row of its own cost a second table, its key and, with a fixed clock, a look-up to keep each round once.
-- Each round's start, stop and working time stay in the history, in the details of the event that stopped it.

ALTER TABLE ${prefix}feedback ADD COLUMN (
    sla_acknowledgement_met          integer  DEFAULT 0 NOT NULL,
    sla_acknowledgement_missed       integer  DEFAULT 0 NOT NULL,
    sla_first_response_met           integer  DEFAULT 0 NOT NULL,
    sla_first_response_missed        integer  DEFAULT 0 NOT NULL,
    sla_resolution_met               integer  DEFAULT 0 NOT NULL,
    sla_resolution_missed            integer  DEFAULT 0 NOT NULL,
    sla_planned_completion_met       integer  DEFAULT 0 NOT NULL,
    sla_planned_completion_missed    integer  DEFAULT 0 NOT NULL,
    sla_resolution_used_ms           bigint   DEFAULT 0 NOT NULL
);

MERGE INTO ${prefix}feedback f USING (
    SELECT tenant, feedback_id,
           SUM(CASE WHEN kind = 'ACKNOWLEDGEMENT' AND met THEN 1 ELSE 0 END) AS acknowledgement_met,
           SUM(CASE WHEN kind = 'ACKNOWLEDGEMENT' AND NOT met THEN 1 ELSE 0 END) AS acknowledgement_missed,
           SUM(CASE WHEN kind = 'FIRST_RESPONSE' AND met THEN 1 ELSE 0 END) AS first_response_met,
           SUM(CASE WHEN kind = 'FIRST_RESPONSE' AND NOT met THEN 1 ELSE 0 END) AS first_response_missed,
           SUM(CASE WHEN kind = 'RESOLUTION' AND met THEN 1 ELSE 0 END) AS resolution_met,
           SUM(CASE WHEN kind = 'RESOLUTION' AND NOT met THEN 1 ELSE 0 END) AS resolution_missed,
           SUM(CASE WHEN kind = 'PLANNED_COMPLETION' AND met THEN 1 ELSE 0 END) AS planned_completion_met,
           SUM(CASE WHEN kind = 'PLANNED_COMPLETION' AND NOT met THEN 1 ELSE 0 END) AS planned_completion_missed,
           SUM(CASE WHEN kind = 'RESOLUTION' THEN used_ms ELSE 0 END) AS resolution_used_ms
    FROM ${prefix}sla_round GROUP BY tenant, feedback_id) r
ON f.tenant = r.tenant AND f.id = r.feedback_id
WHEN MATCHED THEN UPDATE SET
    sla_acknowledgement_met = r.acknowledgement_met, sla_acknowledgement_missed = r.acknowledgement_missed,
    sla_first_response_met = r.first_response_met, sla_first_response_missed = r.first_response_missed,
    sla_resolution_met = r.resolution_met, sla_resolution_missed = r.resolution_missed,
    sla_planned_completion_met = r.planned_completion_met, sla_planned_completion_missed = r.planned_completion_missed,
    sla_resolution_used_ms = r.resolution_used_ms;

DROP TABLE ${prefix}sla_round;
