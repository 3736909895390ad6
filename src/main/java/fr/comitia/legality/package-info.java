/**
 * Legality of an adopted act: its transmission to the prefecture (ACTES, through the
 * {@link fr.comitia.legality.PrefectureGateway} port), its publication on the body's public register
 * (R2131-1), its enforceability (the later of the ARActe and the publication) and the register's
 * open data (SCDL « Délibérations »). What was transmitted, acknowledged and published is kept in
 * the register's tables {@code transmission} and {@code publication} (the legal record), written
 * only through {@code register}'s repositories.
 */
package fr.comitia.legality;
