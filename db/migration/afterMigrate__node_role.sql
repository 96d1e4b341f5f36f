-- The node's own database role (node_role: the datasource user) reads and writes the node's tables, but may neither change
-- nor remove an audit row, nor touch the migration history; the schema's owner (the Flyway user) runs the migrations
-- and owns every object, so the node's role cannot disable a trigger either. Run after every migrate, so a table a
-- later migration adds is covered too. The audit trail's triggers refuse UPDATE/DELETE/TRUNCATE for every role besides.
do $$
declare
  node name := '${node_role}';
  schema name := current_schema();
begin
  if node = current_user then
    raise warning 'the node connects as the schema owner %: only the audit trail''s triggers keep it append-only; '
      'give the node a role of its own (README, "The node''s database role")', node;
    return;
  end if;
  if not exists (select 1 from pg_roles where rolname = node) then
    raise exception 'the node''s database role % does not exist: create it (bin/setup does: create role % login)', node, node;
  end if;
  if exists (select 1 from pg_roles where rolname = node and rolsuper) then
    raise warning 'the node''s database role % is a superuser: privileges do not bind it', node;
  end if;
  execute format('grant usage on schema %I to %I', schema, node);
  execute format('grant select, insert, update, delete on all tables in schema %I to %I', schema, node);
  execute format('grant usage, select on all sequences in schema %I to %I', schema, node);
  execute format('revoke update, delete, truncate on %I.audit_event from %I', schema, node);
  execute format('revoke insert, update, delete, truncate on %I.%I from %I', schema, '${flyway:table}', node);
end $$;
