-- memnun schema 1 for PostgreSQL 14+: feedback, its history, reference number sequences.
-- ${prefix} is the host's table prefix (default memnun_), so these tables can share a schema with the host's own.
-- Nested values (customer details, attachments, context, recourse, event details) are jsonb: they are read
-- whole with their feedback and never joined on; the values queries filter on are columns of their own.

CREATE TABLE ${prefix}feedback (
    tenant               varchar(64)  NOT NULL,
    id                   uuid         NOT NULL,
    ref_prefix           varchar(5)   NOT NULL,
    ref_year             integer      NOT NULL,
    ref_seq              bigint       NOT NULL,
    version              bigint       NOT NULL,
    kind                 varchar(16)  NOT NULL,
    type_id              varchar(64),
    priority             varchar(16)  NOT NULL,
    channel              varchar(40)  NOT NULL,
    location_id          varchar(64),
    subject_id           varchar(64),
    department_id        varchar(64),
    assignee_id          varchar(64),
    customer_external_id varchar(128),
    customer_name        varchar(200),
    customer_email       varchar(320),
    customer_phone       varchar(16),
    customer             jsonb        NOT NULL,
    description          text         NOT NULL,
    desired_remedy       text,
    immediate_action     text,
    assessment           jsonb,
    attachments          jsonb,
    context              jsonb,
    intake_key           varchar(500),
    status               varchar(20)  NOT NULL,
    paused_from          varchar(20),
    received_at          timestamptz  NOT NULL,
    updated_at           timestamptz  NOT NULL,
    planned_until        timestamptz,
    resolution           text,
    resolved_at          timestamptz,
    rejection_count      integer      NOT NULL,
    last_rejected_at     timestamptz,
    recourse_offered     jsonb,
    closure_reason       varchar(16),
    closed_at            timestamptz,
    cancellation_reason  text,
    appeal_count         integer      NOT NULL,
    CONSTRAINT ${prefix}feedback_pk PRIMARY KEY (tenant, id),
    CONSTRAINT ${prefix}feedback_reference_uq UNIQUE (tenant, ref_prefix, ref_year, ref_seq)
);

-- partial: feedback without an intake key costs this index nothing, also on every later update
CREATE UNIQUE INDEX ${prefix}feedback_intake_key_uq ON ${prefix}feedback (tenant, intake_key) WHERE intake_key IS NOT NULL;

-- keyset paging in both directions: (received_at, id) > / < (?, ?)
CREATE INDEX ${prefix}feedback_received_ix ON ${prefix}feedback (tenant, received_at, id);
-- work lists and the "open per department" count
CREATE INDEX ${prefix}feedback_status_dept_ix ON ${prefix}feedback (tenant, status, department_id);
CREATE INDEX ${prefix}feedback_email_ix ON ${prefix}feedback (tenant, customer_email) WHERE customer_email IS NOT NULL;
CREATE INDEX ${prefix}feedback_phone_ix ON ${prefix}feedback (tenant, customer_phone) WHERE customer_phone IS NOT NULL;
CREATE INDEX ${prefix}feedback_customer_ix ON ${prefix}feedback (tenant, customer_external_id) WHERE customer_external_id IS NOT NULL;

CREATE TABLE ${prefix}feedback_event (
    tenant       varchar(64)  NOT NULL,
    feedback_id  uuid         NOT NULL,
    version      bigint       NOT NULL,
    event_type   varchar(32)  NOT NULL,
    actor_kind   varchar(16)  NOT NULL,
    actor_id     varchar(128) NOT NULL,
    occurred_at  timestamptz  NOT NULL,
    note         text,
    from_status  varchar(20),
    to_status    varchar(20)  NOT NULL,
    details      jsonb,
    -- no foreign key to the feedback row: the store writes a feedback and its events in one transaction, and
    -- the check would cost a lookup and a row lock on every event
    CONSTRAINT ${prefix}feedback_event_pk PRIMARY KEY (tenant, feedback_id, version)
);

-- one row per tenant, prefix and year; last_value is the last number issued
CREATE TABLE ${prefix}reference_sequence (
    tenant     varchar(64) NOT NULL,
    prefix     varchar(5)  NOT NULL,
    ref_year   integer     NOT NULL,
    last_value bigint      NOT NULL,
    CONSTRAINT ${prefix}reference_sequence_pk PRIMARY KEY (tenant, prefix, ref_year)
);
