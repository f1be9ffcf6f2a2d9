-- memnun schema 9: the status index also carries the subject, so that "per subject" counts over a status (the
-- reports' "closed per subject") can be answered from the index alone (an index-only scan on pages the last vacuum
-- found all-visible) instead of reading the wide feedback rows. Same index, same writes, a few bytes more per entry.
DROP INDEX ${prefix}feedback_status_dept_ix;
CREATE INDEX ${prefix}feedback_status_dept_ix ON ${prefix}feedback (tenant, status, department_id) INCLUDE (subject_id);
