-- The annex files of a deliberation (PDF), kept in the register with their SHA-256: they travel
-- with the draft, the convocation, the transmission, the publication and the notification, and
-- change no more once the act is numbered (the same guard as the annexes' titles).
create table annex_file (
    id              bigserial primary key,
    deliberation_id varchar(64)  not null references deliberation (id),
    position        int          not null,
    title           varchar(500) not null,
    file_name       varchar(255) not null,
    size            bigint       not null check (size > 0),
    sha256          char(64)     not null,
    content         bytea        not null,
    uploaded_by     varchar(64)  not null,
    uploaded_at     timestamptz  not null,
    unique (deliberation_id, sha256)
);
create index annex_file_deliberation on annex_file (deliberation_id, position);

create trigger annex_file_frozen before insert or update or delete on annex_file
  for each row execute function deliberation_annex_frozen();
