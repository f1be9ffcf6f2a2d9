-- stands for a migration of a later memnun release in the schema-version tests
ALTER TABLE ${prefix}feedback ADD COLUMN next_release_note varchar(10);
