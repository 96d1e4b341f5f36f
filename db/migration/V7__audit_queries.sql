-- The audit searches of the REST API (type, actor, outcome, a time range, an object UID; newest first) over millions
-- of rows: an index for each filter an auditor starts from, ending in id so the newest come first (V1 already has the
-- time and object indexes).
create index audit_event_type on audit_event (event_type, id desc);
create index audit_event_actor on audit_event (actor, id desc) where actor is not null;
