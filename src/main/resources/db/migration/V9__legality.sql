-- Legality of an adopted act (issue 12): its transmission to the prefecture (ACTES), its
-- publication on the body's public register (R2131-1), the date it became enforceable, and the
-- publication of each session's list of deliberations (L2121-25). Part of the legal record: no row
-- is ever deleted; an acknowledged transmission and a publication never change.

-- One row per attempt (the first after the seal, one more for each « retransmettre »). A row is
-- claimed by one execution (claim_token, claim_expires_at) before the act is handed to the gateway:
-- a job run twice, or on two nodes, transmits once.
create table transmission (
    id               bigserial     primary key,
    deliberation_id  varchar(64)   not null references deliberation (id),
    attempt          int           not null check (attempt > 0),
    status           varchar(16)   not null check (status in ('PENDING', 'TRANSMITTED', 'ACKNOWLEDGED', 'REFUSED')),
    gateway          varchar(32)   not null,
    claim_token      varchar(64),
    claim_expires_at timestamptz,
    submissions      int           not null default 0,
    last_error       varchar(2000),
    transaction_id   varchar(200),
    actes_id         varchar(100),
    transmitted_at   timestamptz,
    acknowledged_at  timestamptz,
    refused_at       timestamptz,
    refusal          varchar(2000),
    ar_acte          bytea,
    created_at       timestamptz   not null,
    unique (deliberation_id, attempt)
);

create function transmission_kept() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'La transmission % de la délibération % fait partie du registre : elle ne peut pas être supprimée.',
      old.attempt, old.deliberation_id using errcode = 'P0001';
  end if;
  if old.status in ('ACKNOWLEDGED', 'REFUSED') then
    raise exception 'La transmission % de la délibération % est close (%) : elle ne change plus.',
      old.attempt, old.deliberation_id, old.status using errcode = 'P0001';
  end if;
  return new;
end $$;

create trigger transmission_kept before update or delete on transmission
  for each row execute function transmission_kept();

-- The act as put online: the signed PDF/A extract (document_id) with its SHA-256, the author's
-- first name, name and office, the date put online. Kept online for good (never deleted).
create table publication (
    deliberation_id  varchar(64)   primary key references deliberation (id),
    document_id      bigint        not null references document (id),
    sha256           char(64)      not null,
    author           varchar(300)  not null,
    author_office    varchar(300)  not null,
    published_at     timestamptz   not null
);

-- The list of a session's deliberations (L2121-25), produced at the close, due online within a week.
create table deliberations_list (
    session_id       varchar(64)   primary key references assembly_session (id),
    document_id      bigint        not null references document (id),
    sha256           char(64)      not null,
    produced_at      timestamptz   not null,
    due_at           timestamptz   not null,
    published_at     timestamptz
);

create function publication_kept() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' or old.published_at is not null then
    raise exception 'Un document publié au registre reste en ligne et ne change plus (%).', tg_table_name
      using errcode = 'P0001';
  end if;
  return new;
end $$;

create trigger publication_kept before update or delete on publication
  for each row execute function publication_kept();
create trigger deliberations_list_kept before update or delete on deliberations_list
  for each row execute function publication_kept();

alter table deliberation add column enforceable_at timestamptz;
