-- Nothing rewrites an adopted act (issue « Trust »).
-- The vote that adopted or rejected a draft is kept on the deliberation with the SHA-256 of the
-- text that was voted; the seal of the extract signs only that text.
alter table deliberation add column voted_outcome   varchar(16) check (voted_outcome in ('ADOPTED', 'REJECTED'));
alter table deliberation add column voted_session_id varchar(64);
alter table deliberation add column voted_sha256    char(64);
alter table deliberation add column voted_at        timestamptz;

-- Once numbered, the act's text, vote and number never change, whatever writes to the table
-- (Comitia, an operator's SQL, a second node): only its status and signature fields move on.
create function deliberation_frozen() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old.number is not null then
      raise exception 'La délibération % (n° %) est numérotée : elle ne peut pas être supprimée.', old.id, old.number
        using errcode = 'P0001';
    end if;
    return old;
  end if;
  if old.number is not null and (
       new.id is distinct from old.id or new.body_id is distinct from old.body_id
    or new.object is distinct from old.object or new.rapporteur_id is distinct from old.rapporteur_id
    or new.preamble is distinct from old.preamble or new.visas is distinct from old.visas
    or new.proposal is distinct from old.proposal or new.articles is distinct from old.articles
    or new.partners is distinct from old.partners or new.note is distinct from old.note
    or new.session_id is distinct from old.session_id or new.number is distinct from old.number
    or new.register_year is distinct from old.register_year or new.register_seq is distinct from old.register_seq
    or new.voted_outcome is distinct from old.voted_outcome or new.voted_session_id is distinct from old.voted_session_id
    or new.voted_sha256 is distinct from old.voted_sha256 or new.voted_at is distinct from old.voted_at) then
    raise exception 'La délibération % (n° %) est numérotée : son texte, son vote et son numéro ne changent plus.',
      old.id, old.number using errcode = 'P0001';
  end if;
  return new;
end $$;

create trigger deliberation_frozen before update or delete on deliberation
  for each row execute function deliberation_frozen();

create function deliberation_annex_frozen() returns trigger language plpgsql as $$
declare
  target varchar(64);
  numbered varchar(16);
begin
  target := case when tg_op = 'DELETE' then old.deliberation_id else new.deliberation_id end;
  select number into numbered from comitia.deliberation where id = target;
  if numbered is not null then
    raise exception 'La délibération % (n° %) est numérotée : ses annexes ne changent plus.', target, numbered
      using errcode = 'P0001';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger deliberation_annex_frozen before insert or update or delete on deliberation_annex
  for each row execute function deliberation_annex_frozen();

-- The vote of an adopted, numbered act is part of it.
create function vote_frozen() returns trigger language plpgsql as $$
declare
  numbered varchar(16);
begin
  select number into numbered from comitia.deliberation where id = old.deliberation_id and voted_session_id = old.session_id;
  if numbered is not null then
    raise exception 'Le vote de la délibération n° % est celui de l''acte numéroté : il ne change plus.', numbered
      using errcode = 'P0001';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger vote_frozen before update or delete on vote
  for each row execute function vote_frozen();

-- A notification's sends (1, then one more each time the director has the act sent again): the
-- mail of each send has its own stable id, « notification-{deliberation}-{notification}-{send} ».
alter table notification add column sends integer not null default 1;
