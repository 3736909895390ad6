package fr.comitia.deliberation;

import fr.comitia.platform.InputLimits;
import fr.comitia.platform.RuleViolation;
import fr.comitia.register.AnnexFileRepository;
import fr.comitia.register.AnnexFileRepository.AnnexFile;
import fr.comitia.register.DeliberationRepository;
import fr.comitia.register.DeliberationStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * The annex files of a draft (PDF): joined or removed while the draft is being written or reviewed
 * (« En relecture », « Renvoyée à la rédaction »), never after its validation. Each is a readable,
 * unencrypted PDF of at most {@code comitia.annexes.max-size} (10 MB), with a title; the same file is
 * not joined twice.
 */
@Service
public class AnnexFiles {

  static final Set<DeliberationStatus> OPEN = Set.of(DeliberationStatus.IN_REVIEW, DeliberationStatus.RETURNED);

  private final DeliberationRepository deliberations;
  private final AnnexFileRepository files;
  private final DataSize maxSize;
  private final Clock clock;

  AnnexFiles(DeliberationRepository deliberations, AnnexFileRepository files,
      @Value("${comitia.annexes.max-size:10MB}") DataSize maxSize, Clock clock) {
    this.deliberations = deliberations;
    this.files = files;
    this.maxSize = maxSize;
    this.clock = clock;
  }

  public DataSize maxSize() {
    return maxSize;
  }

  /** Joins a PDF to the draft; the annex as the register lists it, or a refusal in French. */
  @Transactional
  public AnnexFile attach(String deliberationId, String title, String fileName, byte[] content, String by) {
    DeliberationRepository.Row row = open(deliberationId);
    String name = fileName(fileName);
    String fault = InputLimits.text("Le titre de l'annexe", title, InputLimits.ANNEX_TITLE);
    if (fault != null) {
      throw new RuleViolation("title", fault);
    }
    if (title == null || title.isBlank()) {
      throw new RuleViolation("title", "Le titre de l'annexe est obligatoire (par exemple « Convention constitutive du "
          + "groupement »).");
    }
    if (content == null || content.length == 0) {
      throw new RuleViolation("file", "Le fichier « " + name + " » est vide.");
    }
    if (content.length > maxSize.toBytes()) {
      throw new RuleViolation("file", "Le fichier « " + name + " » pèse " + megabytes(content.length)
          + " : une annexe pèse au plus " + megabytes(maxSize.toBytes()) + ".");
    }
    if (!isPdf(content)) {
      throw new RuleViolation("file", "Le fichier « " + name + " » n'est pas un PDF lisible : une annexe est un "
          + "document PDF, sans mot de passe.");
    }
    List<AnnexFile> present = files.list(row.id());
    if (present.size() >= InputLimits.ANNEXES) {
      throw new RuleViolation("file", "Un projet compte au plus " + InputLimits.ANNEXES + " annexes.");
    }
    String sha256 = sha256(content);
    Optional<AnnexFile> same = present.stream().filter(a -> a.sha256().equals(sha256)).findFirst();
    if (same.isPresent()) {
      throw new RuleViolation("file", "Ce fichier est déjà joint au projet (annexe « " + same.get().title() + " »).");
    }
    long id = files.add(row.id(), title.strip(), name, content, sha256, by, OffsetDateTime.now(clock));
    return files.find(row.id(), id).orElseThrow();
  }

  /** Removes an annex file of the draft; false when it has no such annex. */
  @Transactional
  public boolean remove(String deliberationId, long annexId) {
    DeliberationRepository.Row row = open(deliberationId);
    return files.remove(row.id(), annexId);
  }

  public List<AnnexFile> list(String deliberationId) {
    return files.list(deliberationId);
  }

  public Optional<AnnexFile> find(String deliberationId, long annexId) {
    return files.find(deliberationId, annexId);
  }

  public Optional<byte[]> content(String deliberationId, long annexId) {
    return files.content(deliberationId, annexId);
  }

  /** The draft, locked against a validation at the same moment, while its annexes may change. */
  private DeliberationRepository.Row open(String deliberationId) {
    DeliberationRepository.Row row = deliberations.findForUpdate(deliberationId)
        .orElseThrow(() -> new RuleViolation("Délibération « " + deliberationId + " » introuvable."));
    DeliberationStatus status = DeliberationStatus.valueOf(row.status());
    if (!OPEN.contains(status)) {
      throw new RuleViolation("file", "Les annexes de la délibération « " + deliberationId + " » ne changent plus : "
          + "elle n'est plus en rédaction ni en relecture (statut : " + status.label() + ").");
    }
    return row;
  }

  static boolean isPdf(byte[] content) {
    if (content.length < 5 || !new String(Arrays.copyOf(content, 5), StandardCharsets.ISO_8859_1).equals("%PDF-")) {
      return false;
    }
    try (PDDocument document = Loader.loadPDF(content)) {
      return !document.isEncrypted() && document.getNumberOfPages() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** The name of the file alone (no folder), printable, at most 255 characters, ending in .pdf. */
  static String fileName(String original) {
    String name = original == null ? "" : original.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
    if (name.isEmpty()) {
      name = "annexe.pdf";
    }
    if (!name.toLowerCase(Locale.ROOT).endsWith(".pdf")) {
      name = name + ".pdf";
    }
    return name.length() > 255 ? name.substring(name.length() - 255) : name;
  }

  /** « 70 Ko », « 10 Mo », « 12,3 Mo ». */
  static String megabytes(long bytes) {
    if (bytes < 1_048_576) {
      return Math.max(1, Math.round(bytes / 1024.0)) + " Ko";
    }
    return String.format(Locale.FRANCE, "%.1f Mo", bytes / 1_048_576.0).replace(",0 Mo", " Mo");
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
