-- The job queue (org.vertreg.jobs): preparation of a vertebra's pose model, registration of an X-ray, and the sending
-- of their outputs. A job's state is one of org.vertreg.jobs.JobState; this CHECK and the README's diagram say the same.
-- Every time below is the node's clock, passed as a parameter (never now()), so that tests can move it.
create table job (
    id               bigserial    primary key,
    kind             varchar(32)  not null,
    state            varchar(16)  not null
        constraint job_state check (state in ('AVAILABLE', 'RUNNING', 'RETRYABLE', 'COMPLETED', 'FAILED', 'CANCELLED')),
    priority         smallint     not null default 0,
    attempt          integer      not null default 0 constraint job_attempt check (attempt >= 0),
    max_attempts     integer      not null constraint job_max_attempts check (max_attempts >= 1),
    run_at           timestamptz  not null,
    -- who holds the job while it runs, and until when; renewed by the holder's heartbeats, rescued when it lapses
    lease_owner      varchar(128),
    lease_expires_at timestamptz,
    heartbeat_at     timestamptz,
    -- a running job asked to stop: its worker sees it at the next heartbeat
    cancel_requested boolean      not null default false,
    -- at most one unfinished or completed job per key (e.g. one registration per X-ray SOP Instance UID)
    unique_key       varchar(200),
    payload          jsonb        not null default '{}',
    -- what the job keeps across attempts (e.g. output UIDs chosen by the first attempt) and what it gave back
    state_data       jsonb        not null default '{}',
    progress         varchar(200),
    last_error       text,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    finished_at      timestamptz,
    constraint job_lease check ((state = 'RUNNING') = (lease_owner is not null and lease_expires_at is not null))
);
-- the claim's scan: ready jobs, most urgent first, read in index order until enough of the pool's kinds are found
create index job_ready on job (priority desc, run_at, id) where state in ('AVAILABLE', 'RETRYABLE');
create index job_running_lease on job (lease_expires_at) where state = 'RUNNING';
create unique index job_unique_key on job (kind, unique_key) where unique_key is not null and state not in ('FAILED', 'CANCELLED');
create index job_created on job (created_at desc, id desc);

-- Every transition of every job, in order: who moved it, from what, to what, and why.
create table job_transition (
    id          bigserial    primary key,
    job_id      bigint       not null references job(id),
    from_state  varchar(16),
    to_state    varchar(16)  not null,
    attempt     integer      not null,
    worker      varchar(128),
    reason      text,
    at          timestamptz  not null
);
create index job_transition_job on job_transition (job_id, id);
