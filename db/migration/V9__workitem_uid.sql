-- Each job's DICOM workitem UID (UPS-RS, api.UpsResource), chosen once when the job is queued and kept: a workflow
-- manager retrieves any workitem by it, however old, and a search pages in SQL. New jobs: 2.25 and a random UUID
-- (PS3.5 B.2). Jobs queued before keep the UID they were already shown under: 2.25 and the name-based (MD5, version 3)
-- UUID of 'vertreg-job-<id>'.
create function dicom_uid_of_uuid(u uuid) returns text language plpgsql immutable strict as $$
declare
  hex text := replace(u::text, '-', '');
  n numeric := 0;
begin
  for i in 1..32 loop
    n := n * 16 + ('x' || substr(hex, i, 1))::bit(4)::int;
  end loop;
  return '2.25.' || n::text;
end $$;

alter table job add column workitem_uid text;

update job set workitem_uid = dicom_uid_of_uuid((
    substr(m, 1, 12)
    || lpad(to_hex((('x' || substr(m, 13, 2))::bit(8)::int & 15) | 48), 2, '0')   -- version 3
    || substr(m, 15, 2)
    || lpad(to_hex((('x' || substr(m, 17, 2))::bit(8)::int & 63) | 128), 2, '0')  -- IETF variant
    || substr(m, 19))::uuid)
from (select id as job_id, md5('vertreg-job-' || id) as m from job) named
where named.job_id = job.id;

alter table job alter column workitem_uid set default dicom_uid_of_uuid(gen_random_uuid());
alter table job alter column workitem_uid set not null;
create unique index job_workitem_uid on job (workitem_uid);
