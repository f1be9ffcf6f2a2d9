-- memnun schema 4: the transactional outbox. A feedback change writes its notifications here in the same
-- transaction; dispatchers on any node claim due rows with a lease (claimed_by, claimed_until) and finish them.
-- seq keeps the order of writing, so messages due at the same instant go out in the order they were planned.

CREATE TABLE ${prefix}outbox (
    id               uuid         NOT NULL,
    seq              bigint       GENERATED ALWAYS AS IDENTITY,
    tenant           varchar(64)  NOT NULL,
    feedback_id      uuid         NOT NULL,
    reference        varchar(40)  NOT NULL,
    event_version    bigint       NOT NULL,
    event_type       varchar(32)  NOT NULL,
    template         varchar(129) NOT NULL,
    party            varchar(80)  NOT NULL,
    channel          varchar(16)  NOT NULL,
    recipient_id     varchar(128),
    recipient_name   varchar(200),
    address          varchar(320) NOT NULL,
    language         varchar(64)  NOT NULL,
    zone             varchar(64)  NOT NULL,
    subject          varchar(998),
    body_text        text         NOT NULL,
    body_html        text,
    category         varchar(16)  NOT NULL,
    urgent           boolean      NOT NULL,
    acknowledgement  boolean      NOT NULL,
    idempotency_key  varchar(128) NOT NULL,
    created_at       timestamptz  NOT NULL,
    state            varchar(8)   NOT NULL,
    attempts         integer      NOT NULL,
    next_attempt_at  timestamptz  NOT NULL,
    claimed_by       varchar(200),
    claimed_until    timestamptz,
    last_error       text,
    provider_id      text,
    finished_at      timestamptz,
    CONSTRAINT ${prefix}outbox_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}outbox_idempotency_uq UNIQUE (idempotency_key)
);

-- the dispatchers' work list, across tenants: WHERE state = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, seq
CREATE INDEX ${prefix}outbox_due_ix ON ${prefix}outbox (next_attempt_at, seq) WHERE state = 'PENDING';
-- dead letters for the operator, sent messages for housekeeping
CREATE INDEX ${prefix}outbox_finished_ix ON ${prefix}outbox (state, finished_at);
