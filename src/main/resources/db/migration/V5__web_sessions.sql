-- Webapp sessions (Tasklist, Cockpit, Admin: Camunda keeps the login in the HTTP session), stored by
-- Spring Session JDBC so that every node sharing this database knows them: a login made on one node
-- is valid on the others. Spring Session's PostgreSQL schema (spring-session-jdbc 3.5), in schema
-- comitia; table names set by spring.session.jdbc.table-name = comitia.spring_session.
create table comitia.spring_session (
  primary_id char(36) not null,
  session_id char(36) not null,
  creation_time bigint not null,
  last_access_time bigint not null,
  max_inactive_interval int not null,
  expiry_time bigint not null,
  principal_name varchar(100),
  constraint spring_session_pk primary key (primary_id)
);

create unique index spring_session_ix1 on comitia.spring_session (session_id);
create index spring_session_ix2 on comitia.spring_session (expiry_time);
create index spring_session_ix3 on comitia.spring_session (principal_name);

create table comitia.spring_session_attributes (
  session_primary_id char(36) not null,
  attribute_name varchar(200) not null,
  attribute_bytes bytea not null,
  constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
  constraint spring_session_attributes_fk foreign key (session_primary_id)
    references comitia.spring_session (primary_id) on delete cascade
);
