package fr.comitia.document;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Renders the register's HTML documents to PDF/A-3a (tagged) with openhtmltopdf (PDFBox): the DejaVu Serif
 * fonts of the classpath embedded (never a system font), an sRGB output intent, no external
 * resource fetched (a document is made only of its template and the register's escaped text).
 */
@Component
public class PdfRenderer {

  /** The font family every document template names. */
  public static final String FONT_FAMILY = "DejaVu Serif";

  private final byte[] regular = font("DejaVuSerif.ttf");
  private final byte[] bold = font("DejaVuSerif-Bold.ttf");
  private final byte[] italic = font("DejaVuSerif-Italic.ttf");
  private final byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

  /**
   * The last PDFs rendered, by the digest of their HTML: the same convocation or draft is attached
   * to each member's mail, rendered once.
   */
  private final Map<String, byte[]> recent = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
      return size() > 32;
    }
  };

  /** The PDF of a complete XHTML document (as the document templates produce). */
  public byte[] render(String html) {
    String key = DocumentStore.sha256(html.getBytes(StandardCharsets.UTF_8));
    synchronized (recent) {
      byte[] pdf = recent.get(key);
      if (pdf != null) {
        return pdf.clone();
      }
    }
    byte[] pdf = renderNow(html);
    synchronized (recent) {
      recent.put(key, pdf);
    }
    return pdf.clone();
  }

  private byte[] renderNow(String html) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    // PDF/A-3a: archival and tagged (logical structure, reading order, language), for screen readers too.
    builder.usePdfAConformance(PdfAConformance.PDFA_3_A);
    builder.usePdfUaAccessbility(true);
    builder.useColorProfile(srgb);
    builder.useFont(() -> new ByteArrayInputStream(regular), FONT_FAMILY, 400, FontStyle.NORMAL, true);
    builder.useFont(() -> new ByteArrayInputStream(bold), FONT_FAMILY, 700, FontStyle.NORMAL, true);
    builder.useFont(() -> new ByteArrayInputStream(italic), FONT_FAMILY, 400, FontStyle.ITALIC, true);
    builder.useExternalResourceAccessControl((uri, type) -> false,
        ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
    builder.useExternalResourceAccessControl((uri, type) -> false,
        ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
    builder.withProducer("Comitia");
    builder.withHtmlContent(html, null);
    builder.toStream(out);
    try {
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException("Rendu PDF impossible", e);
    }
    return out.toByteArray();
  }

  private static byte[] font(String name) {
    try (InputStream in = PdfRenderer.class.getResourceAsStream("/fonts/" + name)) {
      if (in == null) {
        throw new IllegalStateException("Police absente du classpath : /fonts/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
