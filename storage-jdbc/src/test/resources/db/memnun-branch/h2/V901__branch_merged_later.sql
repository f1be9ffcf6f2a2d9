-- stands for a migration numbered above another one that reached a database first (V900 of memnun-next), in the
-- schema-version tests
ALTER TABLE ${prefix}feedback ADD COLUMN branch_note varchar(10);
