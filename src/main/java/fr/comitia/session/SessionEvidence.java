package fr.comitia.session;

import fr.comitia.evidence.EvidenceJournal;
import fr.comitia.evidence.EvidenceKind;
import fr.comitia.platform.FrenchDates;
import fr.comitia.register.AttendanceEntry;
import fr.comitia.register.VoteResult;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** What the session writes in the evidence journal: the convocation's signature, proxies, roll calls, votes. */
@Component
class SessionEvidence {

  private final EvidenceJournal journal;

  SessionEvidence(EvidenceJournal journal) {
    this.journal = journal;
  }

  void convocationSigned(String sessionId, int sitting, LocalDate signedOn, LocalDate sessionDay, int requiredClearDays,
      boolean urgent, String urgencyReason, String presidentId) {
    long clear = ConvocationRules.clearDays(signedOn, sessionDay);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("sitting", sitting);
    facts.put("signedOn", signedOn.toString());
    facts.put("sessionDay", sessionDay.toString());
    facts.put("clearDays", clear);
    facts.put("requiredClearDays", urgent ? ConvocationRules.urgentClearDays(requiredClearDays) : requiredClearDays);
    facts.put("urgent", urgent);
    facts.put("urgencyReason", urgent ? urgencyReason : null);
    facts.put("presidentId", presidentId);
    journal.record(EvidenceKind.CONVOCATION_SIGNED, "convocation-signed-" + sessionId + "-" + sitting, null, sessionId,
        "Convocation de la séance " + sessionId + " signée le " + FrenchDates.day(signedOn) + " pour le "
            + FrenchDates.day(sessionDay) + " : " + clear + " jour(s) franc(s)" + (urgent ? " (urgence)" : "") + ".",
        facts);
  }

  void proxy(boolean declared, long declarationId, String sessionId, int sitting, String memberId, String status,
      String holderId) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("declarationId", declarationId);
    facts.put("sitting", sitting);
    facts.put("memberId", memberId);
    facts.put("status", status);
    facts.put("holderId", holderId);
    journal.record(declared ? EvidenceKind.PROXY_DECLARED : EvidenceKind.PROXY_REVOKED,
        (declared ? "proxy-declared-" : "proxy-revoked-") + declarationId, null, sessionId,
        (declared ? "Déclaration de " : "Révocation de la déclaration de ") + memberId + " pour la séance " + sessionId
            + (holderId != null ? " (pouvoir à " + holderId + ")" : "") + ".", facts);
  }

  void rollCall(String sessionId, int sitting, List<AttendanceEntry> entries, Map<String, Object> quorum,
      String presidingMemberId, String secretaryId) {
    Map<String, Object> facts = new LinkedHashMap<>(quorum);
    facts.put("sitting", sitting);
    facts.put("presidingMemberId", presidingMemberId);
    facts.put("sessionSecretaryId", secretaryId);
    facts.put("attendance", entries.stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("memberId", e.memberId());
      m.put("status", e.status().name());
      m.put("proxyHolderId", e.proxyHolderId());
      m.put("substituteId", e.substituteId());
      return m;
    }).toList());
    journal.record(EvidenceKind.ROLL_CALL_RECORDED, "roll-call-" + sessionId + "-" + sitting, null, sessionId,
        "Appel de la séance " + sessionId + " enregistré.", facts);
  }

  void vote(String sessionId, String deliberationId, VoteResult result, String ballot, List<String> interested) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("outcome", result.outcome().name());
    facts.put("voters", result.voters());
    facts.put("for", result.votesFor());
    facts.put("against", result.votesAgainst());
    facts.put("abstentions", result.abstentions());
    facts.put("notParticipating", result.notParticipating());
    facts.put("suffragesExprimes", result.suffragesExprimes());
    facts.put("tieDecidedByPresident", result.tieDecidedByPresident());
    facts.put("ballot", ballot);
    facts.put("interestedMemberIds", interested);
    journal.record(EvidenceKind.VOTE_RECORDED, "vote-" + sessionId + "-" + deliberationId, deliberationId, sessionId,
        "Vote sur « " + deliberationId + " » : " + result.votesFor() + " pour, " + result.votesAgainst() + " contre, "
            + result.abstentions() + " abstention(s) — " + switch (result.outcome()) {
              case ADOPTED -> "adopté";
              case REJECTED -> "rejeté";
              case WITHDRAWN -> "retiré";
            } + ".", facts);
  }
}
