-- The proof of sending: what the SMTP server answered when it accepted the mail
-- (« 250 2.0.0 Ok: queued as … »), kept with the delivery.
alter table mail_delivery add column smtp_reply varchar(1000);
