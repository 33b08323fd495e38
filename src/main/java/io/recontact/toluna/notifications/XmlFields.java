package io.recontact.toluna.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A notification in Toluna's XML form: one root element ({@code <confirmation>}, {@code <termination>}) whose child
 * elements are the fields. Document types are refused (no entities, no external anything); an empty element is an
 * absent field. Field names compare ignoring case, as in JSON.
 */
final class XmlFields {

  private XmlFields() {
  }

  static Map<String, JsonNode> read(byte[] bytes, Set<String> roots) {
    Element root;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler());
      root = builder.parse(new ByteArrayInputStream(bytes)).getDocumentElement();
    } catch (SAXException e) {
      throw NotificationRejected.badRequest("The body is not well-formed XML: "
          + NotificationBody.clip(e.getMessage()));
    } catch (ParserConfigurationException | IOException e) {
      throw new IllegalStateException("XML parser unavailable", e);
    }
    String rootName = root.getLocalName() == null ? root.getTagName() : root.getLocalName();
    if (roots.stream().noneMatch(rootName::equalsIgnoreCase)) {
      throw NotificationRejected.badRequest("The XML root element must be " + String.join(" or ", roots.stream()
          .map(r -> "<" + r + ">").sorted().toList()) + ", not <" + NotificationBody.clip(rootName) + ">");
    }
    Map<String, JsonNode> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() != Node.ELEMENT_NODE) {
        continue;
      }
      String name = child.getLocalName() == null ? child.getNodeName() : child.getLocalName();
      String text = child.getTextContent() == null ? "" : child.getTextContent().strip();
      if (fields.put(name, text.isEmpty() ? NullNode.getInstance() : TextNode.valueOf(text)) != null) {
        throw NotificationRejected.badRequest("Field " + NotificationBody.clip(name) + " appears more than once "
            + "(names are compared ignoring case)");
      }
    }
    return fields;
  }
}
