package fr.comitia.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;

/** What the tests read of a PDF: its text (PDFBox), its fonts, and poppler's pdfsig verdict. */
public final class Pdfs {

  private Pdfs() {}

  /** The text of the whole PDF, non-breaking spaces read as spaces and lines joined by single spaces. */
  static String text(byte[] pdf) {
    return fr.comitia.support.Pdfs.text(pdf);
  }

  /** The text of each page. */
  static List<String> pages(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      List<String> pages = new ArrayList<>();
      PDFTextStripper stripper = new PDFTextStripper();
      for (int i = 1; i <= document.getNumberOfPages(); i++) {
        stripper.setStartPage(i);
        stripper.setEndPage(i);
        pages.add(normalize(stripper.getText(document)));
      }
      return pages;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Spaces as a reader sees them: non-breaking spaces as spaces, a word cut after its hyphen at the
   * end of a line joined again (« Hauts-de-\nFrance »), every run of white space as one space.
   */
  static String normalize(String text) {
    return fr.comitia.support.Pdfs.normalize(text);
  }

  /** Keeps a copy of a document under target/documents for whoever wants to look at it. */
  static byte[] keep(String name, byte[] pdf) {
    try {
      Path dir = Path.of("target", "documents");
      Files.createDirectories(dir);
      Files.write(dir.resolve(name), pdf);
      return pdf;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every font of every page, with whether it is embedded. */
  static List<PDFont> fonts(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      List<PDFont> fonts = new ArrayList<>();
      for (PDPage page : document.getPages()) {
        for (var name : page.getResources().getFontNames()) {
          fonts.add(page.getResources().getFont(name));
        }
      }
      return fonts;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The output of {@code pdfsig} (poppler) on the PDF: what any recipient's tool says of its signature. */
  public static String pdfsig(byte[] pdf) {
    try {
      Path file = Files.createTempFile("comitia-", ".pdf");
      try {
        Files.write(file, pdf);
        Process process = new ProcessBuilder("pdfsig", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pdfsig finished").isTrue();
        return output;
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new IllegalStateException("pdfsig (poppler-utils) introuvable ou en échec : " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A copy with one byte of the signed content changed (a letter of the XMP metadata, uncompressed). */
  static byte[] tampered(byte[] signed) {
    byte[] copy = signed.clone();
    String latin = new String(copy, StandardCharsets.ISO_8859_1);
    int byteRange = latin.lastIndexOf("/ByteRange");
    int at = latin.indexOf("Comitia");
    assertThat(at).as("a byte to change before the signature").isBetween(0, byteRange);
    copy[at] = (byte) (copy[at] == 'C' ? 'K' : 'C');
    return copy;
  }
}
