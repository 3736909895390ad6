-- A member's declaration, from their personal link before the sitting, that they have a personal
-- interest in an item of the agenda (CGCT L2131-11): it pre-fills the vote form, where the
-- secretariat records who did not take part. Withdrawn declarations are kept (revoked_at).
create table interest_declaration (
    id              bigserial    primary key,
    session_id      varchar(64)  not null references assembly_session (id),
    member_id       varchar(64)  not null references member (id),
    deliberation_id varchar(64)  not null references deliberation (id),
    declared_at     timestamptz  not null,
    revoked_at      timestamptz
);
create index interest_declaration_session on interest_declaration (session_id, deliberation_id);
