package fr.comitia.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.comitia.platform.RuleViolation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The text the assembly voted, as a fingerprint: SHA-256 of body, object, rapporteur, preamble,
 * visas, proposal, articles, annexes and annex files (their SHA-256), kept on the deliberation at the vote. Whoever signs or
 * seals the act checks it first, so that only the voted version is ever signed.
 */
@Component
public class VotedText {

  private final DeliberationRepository repository;
  private final ObjectMapper json;
  private final AnnexFileRepository annexFiles;

  VotedText(DeliberationRepository repository, ObjectMapper json, AnnexFileRepository annexFiles) {
    this.annexFiles = annexFiles;
    this.repository = repository;
    this.json = json;
  }

  /** The fingerprint of the register's text of the deliberation, now. */
  public String hash(DeliberationRepository.Row row) {
    Draft d = repository.draft(row);
    Map<String, Object> text = new LinkedHashMap<>();
    text.put("bodyId", d.bodyId());
    text.put("object", d.object());
    text.put("rapporteurId", d.rapporteurId());
    text.put("preamble", d.preamble());
    text.put("visas", d.visas());
    text.put("proposal", d.proposal());
    text.put("articles", d.articles());
    text.put("annexes", d.annexes());
    // The annex files are part of the act voted (only named when there are some: the fingerprint of
    // an act without annex files is the one it always had).
    List<String> files = annexFiles.list(row.id()).stream().map(a -> a.title() + " " + a.sha256()).toList();
    if (!files.isEmpty()) {
      text.put("annexFiles", files);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(json.writeValueAsString(text).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Refuses (variable {@code signed}) when the register's text of the act is not the text the
   * assembly voted.
   */
  public void require(String id) {
    DeliberationRepository.Row row = repository.find(id).orElseThrow();
    if (row.votedSha256() == null || !row.votedSha256().equals(hash(row))) {
      throw new RuleViolation("signed", "Signature refusée : le texte de la délibération « " + id
          + " » n'est plus celui qui a été voté (empreinte SHA-256 du vote : " + row.votedSha256() + ").");
    }
  }
}
