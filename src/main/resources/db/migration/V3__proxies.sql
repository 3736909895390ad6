-- Proxies declared through the member's personal link belong to one sitting of a session.
alter table proxy_declaration add column sitting integer not null default 1;
create index proxy_declaration_active on proxy_declaration (session_id, sitting) where revoked_at is null;

-- The explanatory note of a draft (note explicative de synthèse), sent with the convocation.
alter table deliberation add column note text;
