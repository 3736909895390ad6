package fr.comitia.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Small real PDF files, as a drafter would join them to a draft. */
public final class Pdfs {

  private Pdfs() {}

  /** A one-page PDF saying {@code text} (accents written plainly: the standard font is WinAnsi). */
  public static byte[] onePage(String text) {
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
        content.newLineAtOffset(72, 720);
        content.showText(text.replaceAll("[^\\x20-\\x7E]", "e"));
        content.endText();
      }
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text of the whole PDF (PDFBox), non-breaking spaces read as spaces and lines joined by single spaces. */
  public static String text(byte[] pdf) {
    try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      return normalize(new org.apache.pdfbox.text.PDFTextStripper().getText(document));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Text as a reader sees it: non-breaking spaces as spaces, a word cut by a hyphen at the end of a
   * line joined again (« Hauts-de-\nFrance »), every run of white space as one space.
   */
  public static String normalize(String text) {
    return text.replace('\u00A0', ' ').replace('\u202F', ' ')
        .replaceAll("(?<=\\p{L})-[ \\t]*\\R\\s*(?=\\p{L})", "-")
        .replaceAll("\\s+", " ");
  }

  /** The SHA-256 of the bytes, in lower-case hexadecimal. */
  public static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
