-- Issue 13, part 3: attendance by videoconference (REMOTE, counts as present) and the substitute
-- (suppléant) who sits for an absent or excused titular member.
do $$
declare
  c record;
begin
  -- V1's column check on attendance.status has a generated name: drop whichever check names status.
  for c in select con.conname from pg_constraint con
            where con.conrelid = 'attendance'::regclass and con.contype = 'c'
              and pg_get_constraintdef(con.oid) like '%status%' loop
    execute format('alter table attendance drop constraint %I', c.conname);
  end loop;
end $$;

alter table attendance add constraint attendance_status_check
  check (status in ('PRESENT', 'ABSENT', 'EXCUSED', 'REMOTE'));

alter table attendance add column substitute_id varchar(64) references member (id);

alter table attendance add constraint attendance_substitute_only_for_absent
  check (substitute_id is null or status in ('ABSENT', 'EXCUSED'));
