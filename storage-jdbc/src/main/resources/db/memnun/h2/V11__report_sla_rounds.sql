-- memnun schema 11 for H2 2.x: the response-time clock rounds that ended, kept for reports. A feedback's clocks
-- (sla_clocks) hold only the current round of each target, since a rejection or an appeal starts a new resolution
-- clock; the store adds a row here when a round stops met or missed, in the transaction that stops it. SLA
-- compliance and business handling time are aggregates over these rows (docs/reports.md).
-- Rounds that ended before this schema are not recorded: reports count from the upgrade on.

CREATE TABLE ${prefix}sla_round (
    tenant       varchar(64)  NOT NULL,
    feedback_id  uuid         NOT NULL,
    kind         varchar(20)  NOT NULL,
    started_at   timestamp(6) with time zone  NOT NULL,
    met          boolean      NOT NULL,
    used_ms      bigint       NOT NULL,
    stopped_at   timestamp(6) with time zone  NOT NULL,
    CONSTRAINT ${prefix}sla_round_pk PRIMARY KEY (tenant, feedback_id, kind, started_at)
);

-- report filters: subject and location pairs (recurrence, recurring problems) within a tenant's receipt period
CREATE INDEX ${prefix}feedback_subject_location_ix ON ${prefix}feedback (tenant, subject_id, location_id, received_at);
