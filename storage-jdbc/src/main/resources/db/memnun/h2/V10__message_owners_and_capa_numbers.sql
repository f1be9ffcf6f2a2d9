-- memnun schema 10 for H2 2.x.
--
-- Outbox messages belong to an owner (a feedback, a campaign's survey invitation, a corrective action) rather than
-- always to a feedback: owner_kind and owner_id name it, reference holds its label (a reference number, a campaign's
-- name), and feedback_id and event_type stay filled for a feedback's messages only.
ALTER TABLE ${prefix}outbox ADD COLUMN owner_kind varchar(32);
ALTER TABLE ${prefix}outbox ADD COLUMN owner_id uuid;
UPDATE ${prefix}outbox SET owner_kind = 'feedback', owner_id = feedback_id;
ALTER TABLE ${prefix}outbox ALTER COLUMN owner_kind SET NOT NULL;
ALTER TABLE ${prefix}outbox ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE ${prefix}outbox ALTER COLUMN feedback_id DROP NOT NULL;
ALTER TABLE ${prefix}outbox ALTER COLUMN event_type DROP NOT NULL;
ALTER TABLE ${prefix}outbox ALTER COLUMN reference SET DATA TYPE varchar(80);

-- A campaign's invitation is sent through the outbox; what became of its message is recorded on it, since it belongs
-- to no feedback whose history could keep it. One invitation per recipient, survey and campaign (NULLs are distinct:
-- invitations after a feedback have no campaign).
ALTER TABLE ${prefix}survey_invitation ADD COLUMN delivery_state varchar(8);
ALTER TABLE ${prefix}survey_invitation ADD COLUMN delivery_at timestamp(6) with time zone;
ALTER TABLE ${prefix}survey_invitation ADD COLUMN delivery_message uuid;
ALTER TABLE ${prefix}survey_invitation ADD COLUMN delivery_detail varchar(1000);
ALTER TABLE ${prefix}survey_invitation ADD CONSTRAINT ${prefix}survey_invitation_campaign_uq UNIQUE (tenant, survey_id, campaign, recipient);

-- Corrective actions get a number people can quote, e.g. DOF-2026-000012-3, unique per tenant; actions stored before
-- this schema have none (NULLs are distinct).
ALTER TABLE ${prefix}capa ADD COLUMN number varchar(40);
ALTER TABLE ${prefix}capa ADD CONSTRAINT ${prefix}capa_number_uq UNIQUE (tenant, number);
