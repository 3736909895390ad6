/**
 * The register's documents: extract (PDF/A, signed PAdES), minutes, list of deliberations, convocation and
 * drafts. Owns the table {@code document}.
 */
package fr.comitia.document;
