-- The statements of one intake, as src/modules/inquiries/inquiries.service.ts issues them
-- (without an Idempotency-Key): the database's own limit for our workload.
\set n random(1, 2000000000)
BEGIN;
SELECT code, response_days FROM topics WHERE code IN ('hiring', 'business-development') AND active = true;
INSERT INTO inquiries (channel, submitted_by, cvr, enterprise_name, postcode, employees, registered_social_enterprise, contact_name, contact_email, contact_phone, topics, subject, description, language, consent) VALUES ('web', NULL, '13748136', 'Café Overskud ApS', '6000', 12, true, 'Mette Hansen', 'mette@example.dk', '+4512345678', '{hiring,business-development}', 'To nye medarbejdere i løntilskud', 'Vi vil gerne ansætte to personer i løntilskud og udvikle vores café.', 'da', true) RETURNING id AS inquiry_id, received_at \gset
SELECT nextval('case_reference_seq') AS seq \gset
INSERT INTO cases (inquiry_id, reference, status, lead_department, routing_version, matched_rule_ids, tracking_token_hash, created_at, updated_at) VALUES (:inquiry_id, 'KOL-2026-' || lpad(:seq::text, 6, '0'), 'received', 'jobcenter', 1, '{jobcenter-employment,business-development,keywords-employment}', sha256(:n::text::bytea), now(), now()) RETURNING id AS case_id \gset
INSERT INTO assignments (case_id, department_code, role, status, due_date, queued_at, updated_at) VALUES (:case_id, 'jobcenter', 'lead', 'queued', '2026-12-04', now(), now()), (:case_id, 'business-service', 'involved', 'queued', '2026-12-04', now(), now());
INSERT INTO case_events (case_id, type, actor_id, actor_role, department, data) VALUES (:case_id, 'created', NULL, 'enterprise', NULL, '{"reference":"KOL-2026-000001","channel":"web","topics":["hiring","business-development"]}'), (:case_id, 'routed', NULL, 'enterprise', 'jobcenter', '{"routingVersion":1,"lead":"jobcenter","involved":["business-service"],"leadRuleId":"jobcenter-employment","matchedRuleIds":["jobcenter-employment","business-development","keywords-employment"]}');
COMMIT;
