-- memnun schema 20: a feedback's survey rows found through indexes. A person's data export and an anonymisation read
-- the invitations, responses and comments that follow one feedback up; without these indexes each of them read all
-- of the tenant's, so a retention run over many feedback read those tables once per feedback.
CREATE INDEX ${prefix}survey_invitation_feedback_ix ON ${prefix}survey_invitation (tenant, feedback_id);
CREATE INDEX ${prefix}survey_response_feedback_ix ON ${prefix}survey_response (tenant, feedback_id);
CREATE INDEX ${prefix}survey_comment_feedback_ix ON ${prefix}survey_comment (tenant, feedback_id);
CREATE INDEX ${prefix}survey_comment_response_ix ON ${prefix}survey_comment (tenant, response_id);
