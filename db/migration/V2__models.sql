-- Trained pose models: one network per CT series, vertebra level and preset, versioned so that retraining keeps the
-- earlier models. Files live on disk under the models root at relative_path (model.params, metadata.json); the row
-- points at them only once they are complete (status READY).
--
-- Status, kept in agreement with org.vertreg.model.ModelStatus and the README's diagram:
--   TRAINING --files written, metrics known--> READY
--   TRAINING --training gave up (reason recorded)--> FAILED
create table pose_model (
    id                  bigserial    primary key,
    series_instance_uid varchar(64)  not null references series(series_instance_uid),
    vertebra_level      integer      not null constraint pose_model_level check (vertebra_level > 0),
    preset              varchar(32)  not null,
    version             integer      not null constraint pose_model_version_positive check (version > 0),
    status              varchar(16)  not null default 'TRAINING'
        constraint pose_model_status check (status in ('TRAINING', 'READY', 'FAILED')),
    status_reason       text,
    relative_path       varchar(512) not null,
    metadata            jsonb,
    validation_mtre_mm  double precision,
    validation_mae      double precision,
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now(),
    constraint pose_model_version unique (series_instance_uid, vertebra_level, preset, version),
    constraint pose_model_ready_has_metadata check (status <> 'READY' or metadata is not null)
);
create index pose_model_ready on pose_model(series_instance_uid, vertebra_level, updated_at desc) where status = 'READY';
