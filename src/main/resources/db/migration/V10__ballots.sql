-- The type of ballot of each vote (CGCT L2121-21): SHOW_OF_HANDS, ROLL_CALL (each voter's choice in
-- vote_ballot) or SECRET. Votes recorded before this column read as SECRET or SHOW_OF_HANDS from
-- secret_ballot (the votes of numbered acts never change: no update here).
alter table vote add column ballot varchar(16) check (ballot in ('SHOW_OF_HANDS', 'ROLL_CALL', 'SECRET'));

-- Each voter's choice is part of the act once it is numbered.
create function vote_ballot_frozen() returns trigger language plpgsql as $$
declare
  numbered varchar(16);
begin
  select number into numbered from comitia.deliberation
   where id = case when tg_op = 'INSERT' then new.deliberation_id else old.deliberation_id end
     and voted_session_id = case when tg_op = 'INSERT' then new.session_id else old.session_id end;
  if numbered is not null then
    raise exception 'Le vote nominatif de la délibération n° % est celui de l''acte numéroté : il ne change plus.',
      numbered using errcode = 'P0001';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger vote_ballot_frozen before insert or update or delete on vote_ballot
  for each row execute function vote_ballot_frozen();
