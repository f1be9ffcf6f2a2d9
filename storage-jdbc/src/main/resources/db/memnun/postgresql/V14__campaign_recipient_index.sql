-- An erasure request finds a person's campaign invitations by their recipient (external id, e-mail address or phone
-- number) within the tenant.
CREATE INDEX ${prefix}survey_invitation_recipient ON ${prefix}survey_invitation (tenant, recipient);
