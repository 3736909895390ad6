package fr.comitia.document;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The president's signing certificate ({@code comitia.signature.*}).
 *
 * @param keystore path of the PKCS#12 keystore (e.g. {@code data/signature/president.p12})
 * @param password password of the keystore and of its key
 * @param alias alias of the key entry; blank for the keystore's only (first) key
 * @param createIfMissing the demo run: when the keystore does not exist, a self-signed certificate
 *     of the organisation's president is created there (never in production); the same for a member
 *     missing from {@code membersKeystore}
 * @param membersKeystore path of the PKCS#12 keystore of the members who countersign (the sessions'
 *     secretaries, for the minutes), one key entry per member, its alias the member's id; same password
 */
@ConfigurationProperties("comitia.signature")
record SignatureProperties(String keystore, String password, String alias, boolean createIfMissing,
    String membersKeystore) {}
