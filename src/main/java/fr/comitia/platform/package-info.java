/**
 * What every module shares: the one refusal type ({@link fr.comitia.platform.RuleViolation}) and its HTTP
 * answer ({@link fr.comitia.platform.Refusals}), the input limits, the Paris zone and French dates, the engine
 * clock, locks between nodes, the embedded database and SMTP server of the demo, the production guard, the
 * deployment of the models. Owns the table {@code app_secret} and the web sessions' {@code spring_session}.
 */
package fr.comitia.platform;
