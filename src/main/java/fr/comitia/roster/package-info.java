/**
 * The organisation ({@code config/organisation.yml}): bodies, members by collectivity, mandates, partners,
 * service accounts; synchronised into Camunda's identities and filters and into the register. Owns the tables
 * {@code body}, {@code member}, {@code body_membership}, {@code partner}.
 */
package fr.comitia.roster;
