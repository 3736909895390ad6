package fr.comitia.roster;

import fr.comitia.platform.StartupRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.core.io.Resource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads the prefecture's classification in its ACTES format (message « RetourClassification »,
 * namespace {@value #ACTES}): {@code DateClassification}, {@code NaturesActes/NatureActe}
 * ({@code CodeNatureActe}, {@code Libelle}, {@code TypeAbrege}) and the tree {@code Matieres/Matiere1
 * /Matiere2…} ({@code CodeMatiere}, {@code Libelle}). A faulty file stops the start, naming the fault.
 */
final class ClassificationLoader {

  static final String ACTES = "http://www.interieur.gouv.fr/ACTES#v1.1-20040216";

  private final String source;

  private ClassificationLoader(String source) {
    this.source = source;
  }

  static Classification load(Resource resource, String displayName) {
    if (!resource.exists()) {
      throw new StartupRefusedException("Classification des actes introuvable : le fichier " + displayName
          + " n'existe pas (propriété comitia.classification).");
    }
    try (InputStream in = resource.getInputStream()) {
      return new ClassificationLoader(displayName).read(in);
    } catch (IOException | SAXException | ParserConfigurationException e) {
      throw new StartupRefusedException("Classification des actes illisible : " + displayName + " : "
          + e.getMessage(), e);
    }
  }

  static Classification parse(String source, InputStream in) {
    try {
      return new ClassificationLoader(source).read(in);
    } catch (IOException | SAXException | ParserConfigurationException e) {
      throw new StartupRefusedException("Classification des actes illisible : " + source + " : " + e.getMessage(), e);
    }
  }

  private Classification read(InputStream in) throws IOException, SAXException, ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    // No DTD, no external entity: the file is data, never a way to read other files.
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setExpandEntityReferences(false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(null);
    Document document = builder.parse(in);
    Element root = document.getDocumentElement();
    if (!ACTES.equals(root.getNamespaceURI()) || !"RetourClassification".equals(root.getLocalName())) {
      throw fault("l'élément racine doit être actes:RetourClassification (espace de noms " + ACTES + "), trouvé "
          + root.getTagName());
    }
    Element date = child(root, "DateClassification");
    List<Classification.Nature> natures = new ArrayList<>();
    Element naturesElement = child(root, "NaturesActes");
    if (naturesElement != null) {
      for (Element n : children(naturesElement, "NatureActe")) {
        natures.add(new Classification.Nature(attribute(n, "CodeNatureActe"), attribute(n, "Libelle"),
            n.getAttributeNS(ACTES, "TypeAbrege")));
      }
    }
    if (natures.stream().noneMatch(n -> n.code().equals(Classification.DELIBERATION_NATURE))) {
      throw fault("la nature « 1 » (Délibérations) manque dans actes:NaturesActes");
    }
    Element matieresElement = child(root, "Matieres");
    if (matieresElement == null) {
      throw fault("actes:Matieres manque");
    }
    List<Classification.Matiere> matieres = new ArrayList<>();
    walk(matieresElement, 1, "", "", matieres, new HashSet<>());
    if (matieres.isEmpty()) {
      throw fault("actes:Matieres ne contient aucune matière (actes:Matiere1)");
    }
    return new Classification(date == null ? "" : date.getTextContent().strip(), natures, matieres);
  }

  private void walk(Element parent, int level, String codePrefix, String pathPrefix,
      List<Classification.Matiere> out, Set<String> seen) {
    for (Element m : children(parent, "Matiere" + level)) {
      String own = attribute(m, "CodeMatiere");
      if (!own.matches("[0-9]{1,2}")) {
        throw fault("actes:Matiere" + level + " : code « " + own + " » (un ou deux chiffres attendus)");
      }
      String code = codePrefix.isEmpty() ? own : codePrefix + "." + own;
      String label = attribute(m, "Libelle");
      String path = pathPrefix.isEmpty() ? label : pathPrefix + " / " + label;
      if (!seen.add(code)) {
        throw fault("la matière « " + code + " » est déclarée deux fois");
      }
      boolean leaf = children(m, "Matiere" + (level + 1)).isEmpty();
      out.add(new Classification.Matiere(code, label, path, leaf));
      if (level < 5) {
        walk(m, level + 1, code, path, out, seen);
      }
    }
  }

  private String attribute(Element e, String name) {
    String value = e.getAttributeNS(ACTES, name).strip();
    if (value.isEmpty()) {
      throw fault(e.getTagName() + " sans attribut actes:" + name);
    }
    return value;
  }

  private static Element child(Element parent, String localName) {
    List<Element> found = children(parent, localName);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && ACTES.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }

  private StartupRefusedException fault(String what) {
    return new StartupRefusedException("Classification des actes " + source + " : " + what + ".");
  }
}
