-- The minutes' lifecycle (CGCT L2121-15 as in force since 1 July 2022): drawn up at the close
-- (document MINUTES), put to the vote at the body's next session, signed by the president and
-- countersigned by the session's secretary, published online within a week of the approving session.

-- Every vote on a session's minutes, adopted or not (a rejected draft comes back at a later session).
create table minutes_vote (
    session_id            varchar(64) not null references assembly_session (id),  -- the approving sitting's session
    minutes_of_session_id varchar(64) not null references assembly_session (id),  -- whose minutes
    outcome               varchar(16) not null check (outcome in ('ADOPTED', 'REJECTED', 'WITHDRAWN')),
    ballot                varchar(16),
    voters                integer,
    votes_for             integer,
    votes_against         integer,
    abstentions           integer,
    not_participating     integer,
    tie_decided_by_president boolean not null default false,
    recorded_by           varchar(64),
    recorded_at           timestamptz not null,
    primary key (session_id, minutes_of_session_id),
    check (session_id <> minutes_of_session_id)
);

-- The approved minutes of a session: one row once approved, then its signatures and publication.
create table minutes (
    session_id             varchar(64)  primary key references assembly_session (id),
    approved_in_session_id varchar(64)  not null references assembly_session (id),
    approved_at            timestamptz  not null,
    publication_due_at     timestamptz  not null,
    signed_by              varchar(64)  references member (id),
    signed_at              timestamptz,
    countersigned_by       varchar(64)  references member (id),
    countersigned_at       timestamptz,
    document_id            bigint       references document (id),
    sha256                 char(64),
    published_at           timestamptz,
    check (countersigned_at is null or signed_at is not null),
    check (published_at is null or (countersigned_at is not null and document_id is not null and sha256 is not null))
);

-- Published minutes stay online and never change; the approval is never deleted.
create trigger minutes_kept before update or delete on minutes
  for each row execute function publication_kept();
create function minutes_vote_kept() returns trigger language plpgsql as $$
begin
  raise exception 'Un vote sur le procès-verbal est consigné au registre et ne change plus.' using errcode = 'P0001';
end $$;
create trigger minutes_vote_kept before update or delete on minutes_vote
  for each row execute function minutes_vote_kept();

-- A signature is applied once: a job run twice (or on two nodes) cannot add a second signed copy.
create unique index document_signed_once on document (owner_type, owner_id, kind)
  where kind in ('MINUTES_SIGNED', 'MINUTES_COUNTERSIGNED', 'ENFORCEABLE_EXTRACT');
