-- The place of each act in the prefecture's classification (ACTES): its nature (« 1 »
-- Délibérations by default) and its matière (« 1.4 »), required before the director validates
-- the draft, sent with the act to the prefecture.
alter table deliberation add column nature  varchar(2) not null default '1';
alter table deliberation add column matiere varchar(16);

-- Once numbered, the classification of an act changes no more either (a numbered act without a
-- matière, from before this version, may receive one once).
create or replace function deliberation_frozen() returns trigger language plpgsql as $$
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
    or new.voted_sha256 is distinct from old.voted_sha256 or new.voted_at is distinct from old.voted_at
    or new.nature is distinct from old.nature
    or (old.matiere is not null and new.matiere is distinct from old.matiere)) then
    raise exception 'La délibération % (n° %) est numérotée : son texte, son vote, son numéro et sa classification ne changent plus.',
      old.id, old.number using errcode = 'P0001';
  end if;
  return new;
end $$;
