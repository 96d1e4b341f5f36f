-- What receipt learns of an instance and keeps: the hash that tells a repeated instance from a conflicting one, the
-- marks a registration reads before trusting an X-ray's geometry, patients without an ID kept apart, name changes
-- recorded, and an audit trail that names the study and series of every instance event.

-- SHA-256 of the data set as received (File Meta Information left out); null for rows indexed before it was kept.
alter table instance add column data_set_sha256 char(64);
-- X-ray geometry, for registration: PRESENT, INCOMPLETE (tags missing, C-arm defaults needed) or INVALID (a zero or
-- impossible value); null for instances that are not projection X-rays. geometry_issues lists what is missing or wrong.
alter table instance add column geometry_status varchar(16)
    constraint instance_geometry_status check (geometry_status in ('PRESENT', 'INCOMPLETE', 'INVALID'));
alter table instance add column geometry_issues text;
-- Set when Modality (0008,0060) contradicts the SOP class, e.g. a CT modality in a DX object.
alter table instance add column modality_conflict text;

-- A patient without a Patient ID (0010,0020) never shares a record: each study of such a patient gets its own,
-- keyed by the study (unidentified_study_uid); identified patients keep '' there and are keyed by ID and issuer.
alter table patient add column unidentified_study_uid varchar(64) not null default '';
alter table patient drop constraint patient_key;
alter table patient add constraint patient_key unique (patient_id, issuer, unidentified_study_uid);

-- A patient's name as an instance gave it, when it differs from the name already indexed: the index keeps the newest,
-- and this table keeps every change and the instance that brought it.
create table patient_name_change (
    id               bigserial    primary key,
    patient_pk       bigint       not null references patient(id),
    previous_name    varchar(324),
    new_name         varchar(324),
    sop_instance_uid varchar(64)  not null,
    changed_at       timestamptz  not null default now()
);
create index patient_name_change_patient on patient_name_change(patient_pk);

alter table audit_event add column study_uid varchar(64);
alter table audit_event add column series_uid varchar(64);
create index audit_event_study on audit_event(study_uid) where study_uid is not null;
create index audit_event_series on audit_event(series_uid) where series_uid is not null;
