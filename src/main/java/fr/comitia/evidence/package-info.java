/**
 * The evidence journal: each proof event of an act and of a session (a convocation accepted by the SMTP
 * server with its answer, a proxy declared or revoked, a roll call, a vote, an act signed, transmitted,
 * acknowledged, published, a notification acknowledged) appended in order, chained by SHA-256 and
 * time-stamped (RFC 3161, {@link fr.comitia.platform.TimestampAuthority}); its verification recomputes
 * the chain and checks every token. API: {@link fr.comitia.evidence.EvidenceJournal}. Owns the table
 * {@code evidence_entry} (append only: a trigger refuses any change but the token's, once).
 */
package fr.comitia.evidence;
