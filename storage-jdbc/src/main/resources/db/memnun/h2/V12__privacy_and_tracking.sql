-- memnun schema 12: customer self-service tracking tokens (only their SHA-256), consent records and legal holds.

-- at most one token per feedback; a rotation replaces the row
CREATE TABLE ${prefix}tracking_token (
    tenant       varchar(64)  NOT NULL,
    feedback_id  uuid         NOT NULL,
    token_hash   char(64)     NOT NULL,
    issued_at    timestamp(6) with time zone  NOT NULL,
    CONSTRAINT ${prefix}tracking_token_pk PRIMARY KEY (tenant, feedback_id)
);

-- a withdrawal updates its record; an erasure deletes a person's records
CREATE TABLE ${prefix}consent (
    tenant        varchar(64)  NOT NULL,
    id            uuid         NOT NULL,
    person_kind   varchar(16)  NOT NULL,
    person_value  varchar(320) NOT NULL,
    purpose       varchar(64)  NOT NULL,
    given_at      timestamp(6) with time zone  NOT NULL,
    channel       varchar(64)  NOT NULL,
    evidence      varchar,
    withdrawn_at  timestamp(6) with time zone,
    CONSTRAINT ${prefix}consent_pk PRIMARY KEY (id)
);
CREATE INDEX ${prefix}consent_person_ix ON ${prefix}consent (tenant, person_kind, person_value);

CREATE TABLE ${prefix}legal_hold (
    tenant       varchar(64)  NOT NULL,
    feedback_id  uuid         NOT NULL,
    name         varchar(64)  NOT NULL,
    reason       varchar  NOT NULL,
    actor_kind   varchar(16)  NOT NULL,
    actor_id     varchar(128) NOT NULL,
    placed_at    timestamp(6) with time zone  NOT NULL,
    CONSTRAINT ${prefix}legal_hold_pk PRIMARY KEY (tenant, feedback_id, name)
);
