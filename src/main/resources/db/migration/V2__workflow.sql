-- What the deliberation and session workflows need beside the register of V1.

create sequence deliberation_seq;
create sequence session_seq;

-- Secrets Comitia makes itself on first start (e.g. the key that signs acknowledgement links),
-- shared by every node through the database.
create table app_secret (
    name       varchar(64) primary key,
    value      text        not null,
    created_at timestamptz not null
);

alter table deliberation add column partners    text not null default '[]';  -- JSON, as drafted
alter table deliberation add column signed_by   varchar(64);
alter table deliberation add column signed_at   timestamptz;
alter table deliberation add column signer_subject varchar(500);

alter table assembly_session add column sitting integer not null default 1;

alter table notification add column position integer not null default 1;
alter table notification add column acknowledged_by varchar(300);  -- « lien » or the director who confirmed
