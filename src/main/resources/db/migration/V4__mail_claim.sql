-- A mail is sent only by the execution that claims its delivery row (status SENDING, a random
-- token, an expiry): a job run twice at once sends it once. A claim whose holder died expires and
-- may be taken over; the mail then goes again with the same Message-ID.
alter table mail_delivery drop constraint mail_delivery_status_check;
alter table mail_delivery add constraint mail_delivery_status_check
    check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED'));
alter table mail_delivery add column claim_token      varchar(64);
alter table mail_delivery add column claim_expires_at timestamptz;
alter table mail_delivery add constraint mail_delivery_claim_check
    check ((status = 'SENDING') = (claim_token is not null and claim_expires_at is not null));

-- The outbox: a mail queued in a business transaction (e.g. the proxy holder's notice) keeps its
-- content here until process « mailDelivery » sends it.
alter table mail_delivery add column text_body text;
alter table mail_delivery add column html_body text;
