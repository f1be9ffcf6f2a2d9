-- memnun schema 19: a released legal hold is kept, with who released it and when. Releasing moves the hold from
-- legal_hold, which keeps the active holds (one per name and feedback), to this table; a hold of the same name may
-- then be placed and released again. An anonymisation of the feedback blanks the reasons kept here.
CREATE TABLE ${prefix}legal_hold_released (
    tenant            varchar(64)  NOT NULL,
    feedback_id       uuid         NOT NULL,
    name              varchar(64)  NOT NULL,
    reason            varchar      NOT NULL,
    actor_kind        varchar(16)  NOT NULL,
    actor_id          varchar(128) NOT NULL,
    placed_at         timestamp(6) with time zone  NOT NULL,
    released_by_kind  varchar(16)  NOT NULL,
    released_by_id    varchar(128) NOT NULL,
    released_at       timestamp(6) with time zone  NOT NULL
);
-- no key of its own: a name may be placed and released again, even within one clock tick
CREATE INDEX ${prefix}legal_hold_released_ix ON ${prefix}legal_hold_released (tenant, feedback_id);
