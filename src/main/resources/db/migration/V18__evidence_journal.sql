-- The evidence journal (issue « Proofs that last »): each proof event — a convocation accepted by
-- the SMTP server, a proxy declared or revoked, a roll call, a vote, an act signed, transmitted,
-- acknowledged, published, a notification acknowledged — appended in order, each entry chained to
-- the previous one by its SHA-256 and time-stamped (RFC 3161) after it is written.
create table evidence_entry (
  seq             bigint primary key check (seq > 0),
  event_key       varchar(300) not null unique,
  kind            varchar(40) not null,
  deliberation_id varchar(64),
  session_id      varchar(64),
  occurred_at     timestamptz not null,
  recorded_at     timestamptz not null default now(),
  summary         varchar(2000) not null,
  facts           text not null,
  previous_hash   char(64) not null,
  hash            char(64) not null unique,
  token           bytea,
  token_time      timestamptz,
  token_authority varchar(500)
);
create index evidence_entry_deliberation on evidence_entry (deliberation_id, seq);
create index evidence_entry_session on evidence_entry (session_id, seq);
create index evidence_entry_unstamped on evidence_entry (seq) where token is null;

-- Appended only: an entry is never deleted nor changed, except once its time-stamp token, added
-- after it was written.
create function evidence_entry_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'L''entrée % du journal des preuves ne peut pas être supprimée.', old.seq using errcode = 'P0001';
  end if;
  if old.token is not null
     or new.seq is distinct from old.seq or new.event_key is distinct from old.event_key
     or new.kind is distinct from old.kind or new.deliberation_id is distinct from old.deliberation_id
     or new.session_id is distinct from old.session_id or new.occurred_at is distinct from old.occurred_at
     or new.recorded_at is distinct from old.recorded_at or new.summary is distinct from old.summary
     or new.facts is distinct from old.facts or new.previous_hash is distinct from old.previous_hash
     or new.hash is distinct from old.hash then
    raise exception 'L''entrée % du journal des preuves ne change plus (seul son jeton d''horodatage s''ajoute, une fois).',
      old.seq using errcode = 'P0001';
  end if;
  return new;
end $$;

create trigger evidence_entry_append_only before update or delete on evidence_entry
  for each row execute function evidence_entry_append_only();
