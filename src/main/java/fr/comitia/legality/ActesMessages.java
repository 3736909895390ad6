package fr.comitia.legality;

import fr.comitia.document.SignedExtracts;
import fr.comitia.legality.PrefectureGateway.ActesFile;
import fr.comitia.legality.PrefectureGateway.ActesMessage;
import fr.comitia.platform.FrenchDates;
import fr.comitia.register.AnnexFileRepository;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.roster.Organisation;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Builds the ACTES message of an act from the register: nature and matière codes, the number in
 * ACTES form (« 2022-14 » → « 2022_14 »), the date of the sitting that decided, the object, the
 * signed extract (document type {@value #ACT_TYPE}) and each annex file (type configured).
 */
@Component
class ActesMessages {

  /** ACTES document type of the act itself: « Délibération ». */
  static final String ACT_TYPE = "99_DE";
  /**
   * ACTES document type of an annex ({@code comitia.prefecture.annex-type}): the codes allowed for
   * each nature are listed by the prefecture's classification (TypePJNatureActe); « 99_DE » by
   * default, as Pastell does for a piece without a type (« 99_AU » is no longer valid since ACTES 2.2).
   */
  private final String annexType;

  private final DeliberationRecords records;
  private final SignedExtracts signedExtracts;
  private final AnnexFileRepository annexes;
  private final Organisation organisation;

  ActesMessages(DeliberationRecords records, SignedExtracts signedExtracts, AnnexFileRepository annexes,
      Organisation organisation,
      @org.springframework.beans.factory.annotation.Value("${comitia.prefecture.annex-type:99_DE}") String annexType) {
    this.annexType = annexType;
    this.records = records;
    this.signedExtracts = signedExtracts;
    this.annexes = annexes;
    this.organisation = organisation;
  }

  ActesMessage of(String deliberationId) {
    DeliberationRecord record = records.find(deliberationId).orElseThrow();
    if (record.number() == null || record.session() == null) {
      throw new IllegalStateException("Deliberation " + deliberationId + " is not numbered: nothing to transmit");
    }
    var signed = signedExtracts.latest(deliberationId).orElseThrow(() ->
        new IllegalStateException("Deliberation " + deliberationId + " has no signed extract to transmit"));
    List<ActesFile> files = annexes.list(deliberationId).stream()
        .map(a -> new ActesFile(a.fileName(), annexes.content(deliberationId, a.id()).orElseThrow(), annexType))
        .toList();
    return new ActesMessage(record.nature(), record.matiere(), internalNumber(record.number()),
        FrenchDates.parisDay(record.session().date()), record.object(),
        new ActesFile(signed.fileName(), signed.content(), ACT_TYPE), files, organisation.siren(),
        organisation.departement());
  }

  /** ACTES internal numbers hold capitals, digits and « _ » only. */
  static String internalNumber(String number) {
    return number.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
  }
}
