-- The DICOM archive index: patient > study > series > instance, with what the worklist and the
-- geometry need. Files live on disk under the archive root; rows point at them by relative path.

create table patient (
    id              bigserial primary key,
    patient_id      varchar(64)  not null,
    issuer          varchar(64)  not null default '',
    patient_name    varchar(324),
    birth_date      date,
    sex             varchar(16),
    created_at      timestamptz  not null default now(),
    constraint patient_key unique (patient_id, issuer)
);

create table study (
    id                  bigserial primary key,
    patient_pk          bigint       not null references patient(id),
    study_instance_uid  varchar(64)  not null unique,
    study_date          date,
    study_time          varchar(16),
    accession_number    varchar(64),
    study_description   varchar(128),
    referring_physician varchar(324),
    created_at          timestamptz  not null default now()
);
create index study_patient on study(patient_pk);

-- Series status: RECEIVING (instances arriving), READY (assembled, usable), UNUSABLE (reason given),
-- STORED (kept, nothing to assemble: X-rays, segmentations, registrations, captures).
create table series (
    id                    bigserial primary key,
    study_pk              bigint       not null references study(id),
    series_instance_uid   varchar(64)  not null unique,
    modality              varchar(16)  not null,
    series_number         integer,
    series_description    varchar(128),
    body_part_examined    varchar(64),
    frame_of_reference_uid varchar(64),
    status                varchar(16)  not null default 'RECEIVING'
        constraint series_status check (status in ('RECEIVING', 'READY', 'UNUSABLE', 'STORED')),
    status_reason         text,
    last_received_at      timestamptz  not null default now(),
    volume_path           varchar(512),
    volume_dims           varchar(64),
    volume_spacing        varchar(128),
    assembled_at          timestamptz,
    labels_path           varchar(512),
    labels_source_uid     varchar(64),
    created_at            timestamptz  not null default now()
);
create index series_study on series(study_pk);
create index series_pending on series(status, last_received_at) where status = 'RECEIVING';

create table instance (
    id                         bigserial primary key,
    series_pk                  bigint       not null references series(id),
    sop_instance_uid           varchar(64)  not null unique,
    sop_class_uid              varchar(64)  not null,
    transfer_syntax_uid        varchar(64)  not null,
    instance_number            integer,
    rows                       integer,
    columns                    integer,
    number_of_frames           integer,
    image_position_patient     varchar(128),
    image_orientation_patient  varchar(256),
    pixel_spacing              varchar(64),
    slice_thickness            double precision,
    imager_pixel_spacing       varchar(64),
    distance_source_to_detector double precision,
    distance_source_to_patient double precision,
    positioner_primary_angle   double precision,
    positioner_secondary_angle double precision,
    acquisition_date           date,
    content_date               date,
    file_path                  varchar(512) not null,
    file_size                  bigint       not null,
    referenced_series_uid      varchar(64),
    calling_ae_title           varchar(16),
    received_at                timestamptz  not null default now()
);
create index instance_series on instance(series_pk);
create index instance_referenced_series on instance(referenced_series_uid) where referenced_series_uid is not null;

-- The audit trail: who sent or asked what, and what the node answered. Rows are only ever inserted.
create table audit_event (
    id              bigserial primary key,
    occurred_at     timestamptz  not null default now(),
    event_type      varchar(48)  not null,
    outcome         varchar(16)  not null
        constraint audit_outcome check (outcome in ('SUCCESS', 'REFUSED', 'FAILURE')),
    actor           varchar(64),
    remote_address  varchar(128),
    object_uid      varchar(64),
    detail          text
);
create index audit_event_time on audit_event(occurred_at);
create index audit_event_object on audit_event(object_uid) where object_uid is not null;
