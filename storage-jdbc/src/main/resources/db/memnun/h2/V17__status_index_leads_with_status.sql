-- memnun schema 17: H2 looks up a list of values (status IN (...)) in an index only when the list is on the index's
-- first column; with the tenant first, "open per department" and every list of open feedback read all of a tenant's
-- rows, closed ones included. The status now leads, so they look up the open statuses alone. The subject rides along
-- at the end (what PostgreSQL's INCLUDE of schema 9 does there), so "per subject" counts over a status are answered
-- from the index without reading the rows.
DROP INDEX ${prefix}feedback_status_dept_ix;
CREATE INDEX ${prefix}feedback_status_dept_ix ON ${prefix}feedback (status, tenant, department_id, subject_id);
