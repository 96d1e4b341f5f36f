-- The audit trail made append-only and tamper-evident. Every row carries the hash of the row before it and its own hash
-- over that and its fields (SHA-256, audit_event_hash), so an edited row no longer matches its hash and a deleted row
-- breaks the link of the row after it; `bin/vertreg audit-verify` and GET /api/audit/verify walk the chain.
-- UPDATE, DELETE and TRUNCATE are refused by triggers for every role (the node's included); a superuser who disables
-- them leaves a chain that no longer verifies.

alter table audit_event add column previous_hash char(64);
alter table audit_event add column row_hash char(64);

-- The hash of one row: its predecessor's hash and its fields, NULLs told apart from text ('NULL' unquoted).
create function audit_event_hash(previous char(64), e audit_event) returns char(64) language sql stable as $$
  select encode(sha256(convert_to(concat_ws('|', quote_nullable(previous), e.id::text,
      to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), quote_nullable(e.event_type),
      quote_nullable(e.outcome), quote_nullable(e.actor), quote_nullable(e.remote_address), quote_nullable(e.object_uid),
      quote_nullable(e.study_uid), quote_nullable(e.series_uid), quote_nullable(e.detail)), 'UTF8')), 'hex')
$$;

-- Rows written before the chain existed are chained now, in id order.
do $$
declare
  r audit_event;
  prev char(64) := null;
begin
  for r in select * from audit_event order by id loop
    r.previous_hash := prev;
    prev := audit_event_hash(prev, r);
    update audit_event set previous_hash = r.previous_hash, row_hash = prev where id = r.id;
  end loop;
end $$;

alter table audit_event alter column row_hash set not null;

-- One appender at a time, the id drawn under the lock: the chain's order is the id order.
create function audit_event_chain() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtext('audit_event_chain'));
  new.id := nextval(pg_get_serial_sequence('audit_event', 'id'));
  select row_hash into new.previous_hash from audit_event order by id desc limit 1;
  new.row_hash := audit_event_hash(new.previous_hash, new);
  return new;
end $$;
create trigger audit_event_chain before insert on audit_event for each row execute function audit_event_chain();

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the audit trail is append-only: % refused', tg_op;
end $$;
create trigger audit_event_no_change before update or delete on audit_event for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function audit_event_append_only();
