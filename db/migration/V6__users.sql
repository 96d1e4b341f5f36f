-- Users of the REST API (HTTP Basic): passwords as bcrypt in modular crypt format, never in clear; roles, kept in
-- agreement with org.vertreg.api.security.Roles and the README: viewer (reads), technologist (reads, job actions),
-- administrator (everything), auditor (reads, the audit trail). No user is shipped: the first administrator comes from
-- `bin/vertreg add-user` or the one-time setting vertreg.security.initial-admin-password.
create table node_user (
    id          bigserial    primary key,
    username    varchar(64)  not null unique,
    password    varchar(100) not null,
    roles       varchar(100) not null
        constraint node_user_roles check (roles ~ '^(viewer|technologist|administrator|auditor)(,(viewer|technologist|administrator|auditor))*$'),
    created_at  timestamptz  not null default now()
);
