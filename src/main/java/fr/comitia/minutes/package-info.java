/**
 * The minutes (procès-verbal) of a session after their approval (CGCT L2121-15): process
 * {@code minutes} (business key = the approved session's id; its variables in
 * {@link fr.comitia.minutes.MinutesVariables}), started when the session module announces
 * {@link fr.comitia.session.MinutesApproved}: the president signs, the session's secretary
 * countersigns, both signatures are applied to the PDF by {@code document}, and the minutes go
 * online on the public register within a week of the approving session. What was approved, signed
 * and published is kept in the register's table {@code minutes} ({@code register.MinutesRepository});
 * owns no table of its own.
 */
package fr.comitia.minutes;
