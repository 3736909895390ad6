-- The register of deliberations: the legal record, kept in its own schema ("comitia"),
-- beside Camunda's tables. Camunda history may be cleaned; these tables never are.

-- Organisation as synchronised from config/organisation.yml -----------------------------------

create table body (
    id                  varchar(64)  primary key,
    name                varchar(200) not null,
    assembly_name       varchar(200) not null,
    president_title     varchar(200) not null,
    president_member_id varchar(64)  not null,
    rules               text         not null,   -- JSON: the rules in force, as last synchronised
    synchronised_at     timestamptz  not null
);

create table member (
    id           varchar(64)  primary key,
    civility     varchar(8)   not null,
    first_name   varchar(100) not null,
    last_name    varchar(100) not null,
    collectivity varchar(200),
    email        varchar(254) not null,
    active       boolean      not null,
    synchronised_at timestamptz not null
);

-- Who sat in which body, and when: "members in office as of a date".
create table body_membership (
    body_id    varchar(64) not null references body (id),
    member_id  varchar(64) not null references member (id),
    position   integer     not null,                 -- order of the attendance table
    valid_from date        not null,
    valid_to   date,                                 -- null: still in office
    primary key (body_id, member_id, valid_from)
);
create index body_membership_current on body_membership (body_id) where valid_to is null;

create table partner (
    id     varchar(64)  primary key,
    name   varchar(300) not null,
    email  varchar(254) not null,
    active boolean      not null
);

-- Register numbers: per body, per year of the session, consecutive, never reused.
create table register_counter (
    body_id     varchar(64) not null references body (id),
    year        integer     not null,
    next_number integer     not null check (next_number >= 1),
    primary key (body_id, year)
);

-- Deliberations ------------------------------------------------------------------------------

create table deliberation (
    id                  varchar(64)  primary key,
    body_id             varchar(64)  not null references body (id),
    object              text         not null,
    rapporteur_id       varchar(64),
    preamble            text,
    visas               text         not null default '[]',  -- JSON array of « Vu … » clauses
    proposal            text,
    articles            text         not null default '[]',  -- JSON array of {verb, text}
    status              varchar(32)  not null,
    session_id          varchar(64),
    register_year       integer,
    register_seq        integer,
    number              varchar(16),
    process_instance_id varchar(64),
    created_by          varchar(64),
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    unique (body_id, register_year, register_seq)
);
create index deliberation_status on deliberation (body_id, status);

create table deliberation_annex (
    deliberation_id varchar(64)  not null references deliberation (id),
    position        integer      not null,
    title           varchar(500) not null,
    document_id     bigint,
    primary key (deliberation_id, position)
);

create table deliberation_review (
    id              bigserial    primary key,
    deliberation_id varchar(64)  not null references deliberation (id),
    reviewer_id     varchar(64)  not null,
    approved        boolean      not null,
    comment         text,
    reviewed_at     timestamptz  not null
);

-- Notification of the enforceable act to its partners, and their acknowledgement.
create table notification (
    id              bigserial    primary key,
    deliberation_id varchar(64)  not null references deliberation (id),
    partner_id      varchar(64),
    name            varchar(300) not null,
    email           varchar(254) not null,
    notified_at     timestamptz,
    reminders       integer      not null default 0,
    acknowledged_at timestamptz,
    unique (deliberation_id, email)
);

-- Sessions -----------------------------------------------------------------------------------

create table assembly_session (
    id                  varchar(64)  primary key,
    body_id             varchar(64)  not null references body (id),
    session_date        timestamptz  not null,
    place               varchar(300) not null,
    status              varchar(32)  not null,
    convocation_date    date,
    convoked_by         varchar(64),
    urgent              boolean      not null default false,
    urgency_reason      text,
    quorum_required     boolean      not null default true,   -- false after a reconvocation
    reconvened_from     varchar(64)  references assembly_session (id),
    presiding_member_id varchar(64),
    session_secretary_id varchar(64),
    process_instance_id varchar(64),
    created_at          timestamptz  not null,
    closed_at           timestamptz
);

create table agenda_item (
    session_id      varchar(64) not null references assembly_session (id),
    position        integer     not null,
    deliberation_id varchar(64) not null references deliberation (id),
    primary key (session_id, position),
    unique (session_id, deliberation_id)
);

-- One roll call per sitting: 1, then 2 when reconvened without quorum.
create table attendance (
    session_id      varchar(64) not null references assembly_session (id),
    sitting         integer     not null default 1,
    member_id       varchar(64) not null references member (id),
    status          varchar(16) not null check (status in ('PRESENT', 'ABSENT', 'EXCUSED')),
    proxy_holder_id varchar(64) references member (id),
    primary key (session_id, sitting, member_id)
);

-- Proxies declared by members before the roll call (through their personal link).
create table proxy_declaration (
    id              bigserial   primary key,
    session_id      varchar(64) not null references assembly_session (id),
    member_id       varchar(64) not null references member (id),
    status          varchar(16) not null check (status in ('ABSENT', 'EXCUSED')),
    proxy_holder_id varchar(64) references member (id),
    declared_at     timestamptz not null,
    revoked_at      timestamptz
);

create table quorum_check (
    session_id  varchar(64)  not null references assembly_session (id),
    sitting     integer      not null default 1,
    rule        varchar(300) not null,   -- the rule that decided, in words
    regime      varchar(64)  not null,   -- e.g. STATUTS, CGCT_ORDINARY, LOI_2021_1465
    in_office   integer      not null,
    present     integer      not null,
    represented integer      not null,
    counted     integer      not null,
    required    integer      not null,
    reached     boolean      not null,
    checked_at  timestamptz  not null,
    primary key (session_id, sitting)
);

create table vote (
    deliberation_id   varchar(64) not null references deliberation (id),
    session_id        varchar(64) not null references assembly_session (id),
    withdrawn         boolean     not null,
    voters            integer,
    votes_for         integer,
    votes_against     integer,
    abstentions       integer,
    not_participating integer,
    secret_ballot     boolean     not null default false,
    presiding_vote    varchar(16),
    outcome           varchar(16) not null check (outcome in ('ADOPTED', 'REJECTED', 'WITHDRAWN')),
    recorded_by       varchar(64),
    recorded_at       timestamptz not null,
    primary key (deliberation_id, session_id)
);

-- Each member's vote, for a public vote by roll call (L2121-21).
create table vote_ballot (
    deliberation_id varchar(64) not null,
    session_id      varchar(64) not null,
    member_id       varchar(64) not null references member (id),
    choice          varchar(16) not null check (choice in ('FOR', 'AGAINST', 'ABSTAIN', 'NOT_PARTICIPATING')),
    primary key (deliberation_id, session_id, member_id),
    foreign key (deliberation_id, session_id) references vote (deliberation_id, session_id)
);

-- Documents and mails ------------------------------------------------------------------------

create table document (
    id              bigserial    primary key,
    owner_type      varchar(32)  not null,   -- DELIBERATION, SESSION
    owner_id        varchar(64)  not null,
    kind            varchar(32)  not null,   -- EXTRACT, SIGNED_EXTRACT, MINUTES, CONVOCATION, ANNEX …
    file_name       varchar(300) not null,
    media_type      varchar(100) not null,
    content         bytea        not null,
    sha256          char(64)     not null,
    signed_at       timestamptz,
    signer_subject  varchar(500),
    created_at      timestamptz  not null
);
create index document_owner on document (owner_type, owner_id, kind);

create table mail_delivery (
    id              varchar(64)  primary key,    -- stable: also the Message-ID's local part
    kind            varchar(32)  not null,       -- CONVOCATION, NOTIFICATION, REMINDER, PROXY …
    recipient       varchar(254) not null,
    recipient_id    varchar(64),
    subject         varchar(500) not null,
    session_id      varchar(64),
    deliberation_id varchar(64),
    status          varchar(16)  not null check (status in ('QUEUED', 'SENT', 'FAILED')),
    attempts        integer      not null default 0,
    last_error      text,
    queued_at       timestamptz  not null,
    sent_at         timestamptz
);
create index mail_delivery_session on mail_delivery (session_id);
create index mail_delivery_deliberation on mail_delivery (deliberation_id);
