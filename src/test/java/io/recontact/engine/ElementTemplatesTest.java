package io.recontact.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Modeler element templates in {@code element-templates/} against the diagrams in {@code bpmn/}: every
 * service task names an existing template and carries exactly what the template sets (implementation, async flags,
 * exclusive flag, inputs, outputs, properties) and nothing else a template could not have set, so neither can drift
 * from the other. The templates' schema validity is checked in the same build by
 * {@code src/test/element-templates/validate.mjs} (docs/element-templates.md).
 */
class ElementTemplatesTest {

  static final Path TEMPLATES = Path.of("element-templates");
  static final Path DIAGRAMS = Path.of("bpmn");
  static final String SERVICE_TASK = "bpmn:ServiceTask";

  /** Camunda attributes a service task may carry; the three flags with the engine's value when absent. */
  static final List<String> ATTRIBUTES = List.of("class", "delegateExpression", "expression", "resultVariable", "type",
      "topic", "taskPriority", "jobPriority", "asyncBefore", "asyncAfter", "exclusive");
  static final Map<String, String> DEFAULTS = Map.of("asyncBefore", "false", "asyncAfter", "false",
      "exclusive", "true");

  static Map<String, Template> templates;

  /** One template: what it fixes on the element, and which of its bindings a modeler may fill in freely. */
  record Template(String key, String file, Map<String, String> fixed, Set<String> editable, List<String> problems) {
  }

  @BeforeAll
  static void readTemplates() throws IOException {
    templates = readTemplates(TEMPLATES);
  }

  @Test
  void everyServiceTaskUsesATemplateAndMatchesIt() throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> used = new HashSet<>();
    int tasks = 0;
    for (Path diagram : diagrams()) {
      BpmnModelInstance model = read(diagram);
      for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
        tasks++;
        used.add(templateKey(task));
        problems.addAll(problems(diagram.getFileName().toString(), task, templates));
      }
    }
    assertThat(problems).as("service tasks that do not match their element template").isEmpty();
    assertThat(tasks).as("service tasks in bpmn/").isPositive();
    assertThat(templates.keySet()).as("templates no diagram uses (remove them or use them)")
        .containsExactlyInAnyOrderElementsOf(used);
  }

  @Test
  void everyTemplateAppliesToServiceTasksWithBindingsThisTestChecks() {
    assertThat(templates).isNotEmpty();
    templates.values().forEach(t -> assertThat(t.problems()).as(t.file()).isEmpty());
  }

  @Test
  void noServiceTaskSetsItsOwnRetryCycle() throws IOException {
    // A C7 template cannot bind camunda:failedJobRetryTimeCycle: the engine-wide cycle in application.yaml applies.
    for (Path diagram : diagrams()) {
      assertThat(Files.readString(diagram)).as(diagram.toString()).doesNotContain("failedJobRetryTimeCycle");
    }
  }

  @Test
  void driftBetweenADiagramAndItsTemplateIsReported() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("drift").startEvent()
        .serviceTask("CreateDraftTargetGroup").camundaDelegateExpression("${createDraftTargetGroup}")
        .camundaAsyncBefore().camundaInputParameter("extra", "${x}").camundaFailedJobRetryTimeCycle("R3/PT1M")
        .serviceTask("Unknown").camundaDelegateExpression("${unknown}")
        .endEvent().done();
    ServiceTask drifted = model.getModelElementById("CreateDraftTargetGroup");
    drifted.setAttributeValueNs(CAMUNDA_NS, "modelerTemplate", "io.recontact.cint.CreateDraftTargetGroup");
    drifted.setAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion", "1");

    assertThat(problems("drift.bpmn", drifted, templates)).singleElement().asString()
        .contains("drift.bpmn CreateDraftTargetGroup", "io.recontact.cint.CreateDraftTargetGroup@1",
            "asyncAfter=true", "asyncAfter=false", "camunda:inputParameter extra=${x}",
            "camunda:failedJobRetryTimeCycle");
    assertThat(problems("drift.bpmn", model.getModelElementById("Unknown"), templates)).singleElement().asString()
        .contains("Unknown has no camunda:modelerTemplate");
  }

  /** What is wrong with one service task, measured against the template it names. */
  static List<String> problems(String file, ServiceTask task, Map<String, Template> templates) {
    String where = file + " " + task.getId();
    if (task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate") == null) {
      return List.of(where + " has no camunda:modelerTemplate");
    }
    Template template = templates.get(templateKey(task));
    if (template == null) {
      return List.of(where + " names template " + templateKey(task) + ", which element-templates/ does not hold");
    }
    Map<String, String> actual = actual(task, template);
    Map<String, String> expected = new TreeMap<>(template.fixed());
    template.editable().forEach(key -> expected.put(key, actual.get(key)));
    if (actual.equals(expected)) {
      return List.of();
    }
    return List.of(where + " differs from " + template.key() + " (" + template.file() + "): diagram " + actual
        + ", template " + expected);
  }

  /** The task's attributes and extension elements as binding keys, the way {@link #template} describes a template. */
  static Map<String, String> actual(ServiceTask task, Template template) {
    Map<String, String> values = new TreeMap<>();
    Set<String> attributes = new HashSet<>();
    ATTRIBUTES.forEach(name -> attributes.add("camunda:" + name));
    template.fixed().keySet().stream().filter(key -> !key.contains(" ")).forEach(attributes::add);
    template.editable().stream().filter(key -> !key.contains(" ")).forEach(attributes::add);
    for (String attribute : attributes) {
      String value = attribute.startsWith("camunda:")
          ? task.getAttributeValueNs(CAMUNDA_NS, attribute.substring("camunda:".length()))
          : task.getAttributeValue(attribute);
      if (value == null) {
        value = DEFAULTS.get(attribute.substring(attribute.indexOf(':') + 1));
      }
      if (value != null) {
        values.put(attribute, value);
      }
    }
    if (task.getExtensionElements() == null) {
      return values;
    }
    for (ModelElementInstance element : task.getExtensionElements().getElements()) {
      if (element instanceof CamundaInputOutput io) {
        for (CamundaInputParameter in : io.getCamundaInputParameters()) {
          values.put("camunda:inputParameter " + in.getCamundaName(), in.getTextContent().trim());
        }
        for (CamundaOutputParameter out : io.getCamundaOutputParameters()) {
          values.put("camunda:outputParameter " + out.getCamundaName(), out.getTextContent().trim());
        }
      } else if (element instanceof CamundaProperties properties) {
        for (CamundaProperty property : properties.getCamundaProperties()) {
          values.put("camunda:property " + property.getCamundaName(), property.getCamundaValue());
        }
      } else {
        // Listeners, fields, connectors, retry cycles: nothing these templates set, so nothing a task may add.
        values.put("camunda:" + element.getElementType().getTypeName(), "(set in the diagram)");
      }
    }
    return values;
  }

  static String templateKey(ServiceTask task) {
    return task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate") + "@"
        + task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion");
  }

  static Map<String, Template> readTemplates(Path folder) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Template> read = new TreeMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = json.readTree(file.toFile());
        for (JsonNode node : root.isArray() ? root : List.of(root)) {
          Template template = template(file.getFileName().toString(), node);
          assertThat(read.put(template.key(), template)).as("second template " + template.key()).isNull();
        }
      }
    }
    return read;
  }

  /** Binding keys: an attribute by its name, an input "camunda:inputParameter NAME", an output by its target. */
  static Template template(String file, JsonNode node) {
    String version = node.has("version") ? node.get("version").asText() : "null";
    Map<String, String> fixed = new TreeMap<>();
    DEFAULTS.forEach((name, value) -> fixed.put("camunda:" + name, value));
    Set<String> editable = new HashSet<>();
    List<String> problems = new ArrayList<>();
    if (!node.path("appliesTo").toString().contains(SERVICE_TASK)) {
      problems.add("appliesTo lacks " + SERVICE_TASK);
    }
    for (JsonNode property : node.path("properties")) {
      JsonNode binding = property.path("binding");
      String key = switch (binding.path("type").asText()) {
        case "property" -> binding.path("name").asText();
        case "camunda:inputParameter", "camunda:property" -> binding.path("type").asText() + " "
            + binding.path("name").asText();
        case "camunda:outputParameter" -> "camunda:outputParameter " + property.path("value").asText();
        default -> null;
      };
      if (key == null) {
        problems.add("binding " + binding + " is not checked by ElementTemplatesTest: extend it");
        continue;
      }
      String value = binding.path("type").asText().equals("camunda:outputParameter")
          ? binding.path("source").asText() : property.path("value").asText(null);
      boolean free = !property.path("type").asText().equals("Hidden") && property.path("editable").asBoolean(true);
      if (free) {
        editable.add(key);
        fixed.remove(key);
      } else {
        fixed.put(key, value);
      }
    }
    return new Template(node.path("id").asText() + "@" + version, file, fixed, editable, problems);
  }

  static List<Path> diagrams() throws IOException {
    try (Stream<Path> files = Files.list(DIAGRAMS)) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
    }
  }

  static BpmnModelInstance read(Path diagram) throws IOException {
    try (InputStream in = Files.newInputStream(diagram)) {
      return Bpmn.readModelFromStream(in);
    }
  }
}
