-- The live worklist (GET /api/jobs/events) reads the job changes after the last one it showed. Transition ids are drawn
-- when a row is inserted, not when its transaction commits: a transaction holding id 77 could commit after one holding
-- 78, and a reader that had already moved past 78 never showed 77. Each transition now also gets a change number, drawn
-- at the end of its statement under the lock the audit chain takes (held until commit), so change numbers are visible in
-- the order they were drawn. After all row locks of the statement: taking the lock there adds no new wait cycle.
alter table job_transition add column change_no bigint;
create sequence job_transition_change_no;
update job_transition set change_no = id;
select setval('job_transition_change_no', coalesce((select max(id) from job_transition), 0) + 1, false);
create unique index job_transition_change on job_transition (change_no);

create function job_transition_change_no() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtext('audit_event_chain'));
  update job_transition set change_no = nextval('job_transition_change_no') where id = new.id;
  return null;
end $$;
create trigger job_transition_change_no after insert on job_transition for each row execute function job_transition_change_no();
