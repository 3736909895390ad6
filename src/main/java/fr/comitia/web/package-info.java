/**
 * Comitia's doors: the REST API, the personal-link pages, Spring Security (Camunda identities), read access by
 * role, the failed-login limiter, and the French answers to refusals. Owns no table.
 */
package fr.comitia.web;
