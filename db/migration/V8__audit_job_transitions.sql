-- Every transition of the node's own jobs (preparations, registrations, sends of outputs) goes into the audit trail too,
-- in the same transaction as the transition, whichever process made it: event type JOB_<state>, the worker or user as
-- actor, the X-ray, CT series or first output as object, and for a send the destination. (Jobs of other kinds, such as
-- the queue's own test and benchmark jobs, are not audited.)
create function audit_job_transition() returns trigger language plpgsql as $$
declare
  j job;
begin
  select * into j from job where id = new.job_id;
  if j.kind not in ('prepare-vertebra', 'register-xray', 'send-outputs') then
    return new;
  end if;
  insert into audit_event (occurred_at, event_type, outcome, actor, object_uid, detail)
  values (new.at, 'JOB_' || new.to_state,
          case when new.to_state = 'FAILED' then 'FAILURE' else 'SUCCESS' end,
          left(new.worker, 64),
          left(coalesce(j.payload->>'sopInstanceUid', j.payload->>'seriesInstanceUid', j.payload->'sopInstanceUids'->>0), 64),
          j.kind || ' job ' || j.id || ': ' || coalesce(new.from_state, 'new') || ' -> ' || new.to_state || ' (attempt ' || new.attempt || ')'
            || case when j.kind = 'send-outputs' then ' to ' || (j.payload->>'aeTitle') || ' at ' || (j.payload->>'host') || ':'
                    || (j.payload->>'port') else '' end
            || coalesce(': ' || new.reason, ''));
  return new;
end $$;
create trigger audit_job_transition after insert on job_transition for each row execute function audit_job_transition();
