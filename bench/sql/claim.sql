-- One claim and its completion, as src/modules/cases/case-work.service.ts issues them
-- (claimNext, then changeAssignment to done; captured from Kysely's query log): the
-- database's own limit for our workload. Each of the two is a transaction of its own:
-- lock the next queued case (SKIP LOCKED), lock it again through the caller's reach,
-- read its assignments, change the assignment, re-derive the case and bump its revision,
-- append the events, look for webhook subscribers, record the read in the access log.
-- Left out: the API token lookup (stood in for by the caseworker lookup below), and the
-- reads that build the response (the case again, its inquiry, assignments and notes), and
-- the service's re-check of a candidate another claim took meanwhile (here the update
-- then changes nothing and the transaction goes on).
SELECT id AS caseworker FROM users WHERE lower(email) = 'bench.caseworker.1@kommune.example' \gset
BEGIN;
SELECT a.id AS assignment_id, a.case_id AS case_id FROM assignments AS a INNER JOIN cases AS c ON c.id = a.case_id WHERE a.department_code = 'jobcenter' AND a.status = 'queued' ORDER BY a.priority DESC, a.due_date, a.queued_at, a.id LIMIT 1 FOR NO KEY UPDATE OF c SKIP LOCKED \gset
SELECT c.id, c.inquiry_id, c.reference, c.status, c.lead_department, c.due_date, c.revision, c.routing_version, c.matched_rule_ids, c.created_at, c.updated_at, c.closed_at FROM cases AS c WHERE c.id = :case_id AND EXISTS (SELECT 1 FROM assignments AS reach_a WHERE reach_a.case_id = c.id AND reach_a.department_code IN ('jobcenter')) FOR NO KEY UPDATE OF c;
SELECT a.id, a.case_id, a.department_code, a.role, a.status, a.assignee_id, u.name, a.priority, a.due_date, a.queued_at, a.created_at, a.updated_at FROM assignments AS a LEFT JOIN users AS u ON u.id = a.assignee_id WHERE a.case_id IN (:case_id) ORDER BY a.created_at, a.role DESC, a.department_code;
UPDATE assignments SET status = 'in_progress', assignee_id = :caseworker, priority = 0, updated_at = now() WHERE id = :assignment_id AND status = 'queued';
SELECT a.id, a.case_id, a.department_code, a.role, a.status, a.assignee_id, u.name, a.priority, a.due_date, a.queued_at, a.created_at, a.updated_at FROM assignments AS a LEFT JOIN users AS u ON u.id = a.assignee_id WHERE a.case_id IN (:case_id) ORDER BY a.created_at, a.role DESC, a.department_code;
UPDATE cases SET status = 'in_progress', lead_department = 'jobcenter', due_date = due_date, revision = revision + 1, updated_at = now(), closed_at = NULL WHERE id = :case_id RETURNING revision;
INSERT INTO case_events (case_id, type, actor_id, actor_role, department, data) VALUES (:case_id, 'claimed', :caseworker, 'caseworker', 'jobcenter', '{"assignmentId": "00000000-0000-0000-0000-000000000000","before": {"status": "queued","assigneeId": null},"after": {"status": "in_progress","assigneeId": "00000000-0000-0000-0000-000000000000"}}'), (:case_id, 'case_status_changed', :caseworker, 'caseworker', NULL, '{"before": "received","after": "in_progress"}') RETURNING id, case_id, type, department, data, created_at;
SELECT c.id, e.id, e.events, e.disabled_at IS NOT NULL FROM cases c JOIN inquiries i ON i.id = c.inquiry_id JOIN webhook_endpoints e ON e.events && '{case.assignment.changed}'::text[] JOIN users u ON u.id = e.owner_id AND u.active WHERE c.id = ANY(ARRAY[:case_id]::uuid[]) AND (u.role = 'admin' OR (u.role = 'integrator' AND u.id = i.submitted_by));
INSERT INTO case_reads (case_id, user_id, token_id, role, action, request_id) VALUES (:case_id, :caseworker, NULL, 'caseworker', 'claimNext', NULL);
COMMIT;
BEGIN;
SELECT c.id, c.inquiry_id, c.reference, c.status, c.lead_department, c.due_date, c.revision, c.routing_version, c.matched_rule_ids, c.created_at, c.updated_at, c.closed_at FROM cases AS c WHERE c.id = :case_id AND EXISTS (SELECT 1 FROM assignments AS reach_a WHERE reach_a.case_id = c.id AND reach_a.department_code IN ('jobcenter')) FOR NO KEY UPDATE OF c;
SELECT a.id, a.case_id, a.department_code, a.role, a.status, a.assignee_id, u.name, a.priority, a.due_date, a.queued_at, a.created_at, a.updated_at FROM assignments AS a LEFT JOIN users AS u ON u.id = a.assignee_id WHERE a.case_id IN (:case_id) ORDER BY a.created_at, a.role DESC, a.department_code;
UPDATE assignments SET status = 'done', assignee_id = :caseworker, priority = 0, updated_at = now() WHERE id = :assignment_id;
SELECT a.id, a.case_id, a.department_code, a.role, a.status, a.assignee_id, u.name, a.priority, a.due_date, a.queued_at, a.created_at, a.updated_at FROM assignments AS a LEFT JOIN users AS u ON u.id = a.assignee_id WHERE a.case_id IN (:case_id) ORDER BY a.created_at, a.role DESC, a.department_code;
UPDATE cases SET status = 'resolved', lead_department = 'jobcenter', due_date = due_date, revision = revision + 1, updated_at = now(), closed_at = coalesce(closed_at, now()) WHERE id = :case_id RETURNING revision;
INSERT INTO case_events (case_id, type, actor_id, actor_role, department, data) VALUES (:case_id, 'status_changed', :caseworker, 'caseworker', 'jobcenter', '{"assignmentId": "00000000-0000-0000-0000-000000000000","before": {"status": "in_progress","assigneeId": "00000000-0000-0000-0000-000000000000","priority": 0},"after": {"status": "done","assigneeId": "00000000-0000-0000-0000-000000000000","priority": 0}}'), (:case_id, 'case_status_changed', :caseworker, 'caseworker', NULL, '{"before": "in_progress","after": "resolved"}') RETURNING id, case_id, type, department, data, created_at;
SELECT c.id, e.id, e.events, e.disabled_at IS NOT NULL FROM cases c JOIN inquiries i ON i.id = c.inquiry_id JOIN webhook_endpoints e ON e.events && '{case.assignment.changed,case.resolved}'::text[] JOIN users u ON u.id = e.owner_id AND u.active WHERE c.id = ANY(ARRAY[:case_id]::uuid[]) AND (u.role = 'admin' OR (u.role = 'integrator' AND u.id = i.submitted_by));
INSERT INTO case_reads (case_id, user_id, token_id, role, action, request_id) VALUES (:case_id, :caseworker, NULL, 'caseworker', 'updateAssignment', NULL);
COMMIT;
