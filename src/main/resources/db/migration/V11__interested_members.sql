-- Members who did not take part in the vote of an item for a personal interest (CGCT L1111-6,
-- L2131-11): not voters, not counted in that item's quorum, named in the extract and the minutes.
-- Part of the act once it is numbered (same guard as the roll-call ballots).
create table vote_interest (
    deliberation_id varchar(64) not null,
    session_id      varchar(64) not null,
    member_id       varchar(64) not null references member (id),
    primary key (deliberation_id, session_id, member_id),
    foreign key (deliberation_id, session_id) references vote (deliberation_id, session_id)
);

create trigger vote_interest_frozen before insert or update or delete on vote_interest
  for each row execute function vote_ballot_frozen();
