/**
 * The demonstration (profile {@code demo} only): at the first start, deliberation 2022-14 replayed
 * into the register as it happened, on the engine's clock of June 2022 (draft, session, convocations,
 * roll call with the six proxies, vote 13/0/0, signature, transmission to the simulated prefecture,
 * publication, notification and its acknowledgement); and the demo clock, which moves the engine's
 * time forward to the next due date so that a live session can be walked through in minutes. Drives
 * the features through their services and the engine; owns no table.
 */
package fr.comitia.demo;
