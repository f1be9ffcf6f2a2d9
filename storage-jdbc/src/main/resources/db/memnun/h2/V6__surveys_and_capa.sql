-- memnun schema 6 for H2 2.x: survey definitions, invitations, responses and comments; corrective and
-- preventive actions (DÖF) and their histories. Nested values are JSON text, read whole with their row.

-- one row per published version; a definition (title, questions) never changes once stored
CREATE TABLE ${prefix}survey (
    tenant        varchar(64)  NOT NULL,
    survey_id     varchar(64)  NOT NULL,
    version       integer      NOT NULL,
    definition    varchar      NOT NULL,
    published_at  timestamp(6) with time zone  NOT NULL,
    CONSTRAINT ${prefix}survey_pk PRIMARY KEY (tenant, survey_id, version)
);

CREATE TABLE ${prefix}survey_invitation (
    tenant          varchar(64)  NOT NULL,
    id              uuid         NOT NULL,
    survey_id       varchar(64)  NOT NULL,
    survey_version  integer      NOT NULL,
    token_hash      char(64)     NOT NULL,
    issued_at       timestamp(6) with time zone  NOT NULL,
    expires_at      timestamp(6) with time zone  NOT NULL,
    feedback_id     uuid,
    campaign        varchar(64),
    department_id   varchar(64),
    recipient       varchar(256),
    answered_at     timestamp(6) with time zone,
    CONSTRAINT ${prefix}survey_invitation_pk PRIMARY KEY (tenant, id),
    CONSTRAINT ${prefix}survey_invitation_token_uq UNIQUE (tenant, token_hash),
    -- NULLs are distinct: campaign invitations (no feedback) are not limited
    CONSTRAINT ${prefix}survey_invitation_feedback_uq UNIQUE (tenant, survey_id, feedback_id)
);
-- response rates count invitations by issue time
CREATE INDEX ${prefix}survey_invitation_issued_ix ON ${prefix}survey_invitation (tenant, issued_at);

CREATE TABLE ${prefix}survey_response (
    tenant          varchar(64)  NOT NULL,
    id              uuid         NOT NULL,
    survey_id       varchar(64)  NOT NULL,
    survey_version  integer      NOT NULL,
    invitation_id   uuid,
    feedback_id     uuid,
    department_id   varchar(64),
    location_id     varchar(64),
    submitted_at    timestamp(6) with time zone  NOT NULL,
    answers         varchar      NOT NULL,
    CONSTRAINT ${prefix}survey_response_pk PRIMARY KEY (tenant, id)
);
CREATE INDEX ${prefix}survey_response_submitted_ix ON ${prefix}survey_response (tenant, submitted_at);

CREATE TABLE ${prefix}survey_comment (
    tenant         varchar(64)  NOT NULL,
    id             uuid         NOT NULL,
    comment_text   varchar      NOT NULL,
    rating         integer,
    feedback_id    uuid,
    response_id    uuid,
    location_id    varchar(64),
    department_id  varchar(64),
    actor_kind     varchar(16)  NOT NULL,
    actor_id       varchar(128) NOT NULL,
    given_at       timestamp(6) with time zone  NOT NULL,
    CONSTRAINT ${prefix}survey_comment_pk PRIMARY KEY (tenant, id)
);
CREATE INDEX ${prefix}survey_comment_given_ix ON ${prefix}survey_comment (tenant, given_at);

-- one row per corrective action: what queries select on as columns, the whole action as JSON
CREATE TABLE ${prefix}capa (
    tenant              varchar(64)  NOT NULL,
    id                  uuid         NOT NULL,
    version             bigint       NOT NULL,
    status              varchar(16)  NOT NULL,
    department_id       varchar(64)  NOT NULL,
    opened_at           timestamp(6) with time zone  NOT NULL,
    updated_at          timestamp(6) with time zone  NOT NULL,
    next_escalation_at  timestamp(6) with time zone,
    action              varchar      NOT NULL,
    CONSTRAINT ${prefix}capa_pk PRIMARY KEY (tenant, id)
);
CREATE INDEX ${prefix}capa_open_ix ON ${prefix}capa (tenant, status, opened_at);
-- the escalation monitor's work list, across tenants
CREATE INDEX ${prefix}capa_escalation_ix ON ${prefix}capa (next_escalation_at, id);

CREATE TABLE ${prefix}capa_event (
    tenant       varchar(64)  NOT NULL,
    capa_id      uuid         NOT NULL,
    version      bigint       NOT NULL,
    event_type   varchar(32)  NOT NULL,
    actor_kind   varchar(16)  NOT NULL,
    actor_id     varchar(128) NOT NULL,
    occurred_at  timestamp(6) with time zone  NOT NULL,
    note         varchar,
    from_status  varchar(16),
    to_status    varchar(16)  NOT NULL,
    details      varchar,
    CONSTRAINT ${prefix}capa_event_pk PRIMARY KEY (tenant, capa_id, version)
);
