-- memnun schema 23: who may answer a survey version. INVITATION_ONLY: through personal invitation links only (after
-- closing, campaigns), so that nobody who learns a survey's id can fill it in and move the department scores; OPEN:
-- also anyone without a link (SurveyDesk.respondOpenly: a kiosk, a public page). Versions stored before are for
-- links only: a host that takes answers without a link publishes its survey's next version as OPEN.
ALTER TABLE ${prefix}survey ADD COLUMN access varchar(16) DEFAULT 'INVITATION_ONLY' NOT NULL;
