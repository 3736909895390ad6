-- A document built from the register (a session's convocation, a draft, an unsigned extract) is
-- rendered once per version of its source and kept with the SHA-256 of that source: every mail and
-- every download of the same version reuses the stored PDF. Two nodes building it at once keep one.
alter table document add column source_sha256 char(64);
create unique index document_built_once on document (owner_type, owner_id, kind, source_sha256)
  where source_sha256 is not null;
