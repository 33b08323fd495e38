package io.recontact.badinput;

import static io.recontact.badinput.BadInputHttp.quoted;
import static io.recontact.badinput.BadInputHttp.variable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recontact.badinput.BadInputHttp.Answer;
import io.recontact.engine.RefusedInput;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * What the log says about a refused input (io.recontact.engine.RefusedInputLogging): one WARN line with the business
 * key and the message, no ERROR, no stack trace; any other exception in a command keeps Camunda's ERROR.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class RefusedInputLogTest {

  static final String PROJECT = EngineRestBadInputTest.PROJECT;
  static final String GROUP = EngineRestBadInputTest.GROUP;

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  BadInputHttp http;
  String created;

  @BeforeEach
  void setUp() {
    http = new BadInputHttp(port);
  }

  @AfterEach
  void removeInstance() {
    if (created != null && engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(created)
        .count() > 0) {
      engine.getRuntimeService().deleteProcessInstance(created, "log test done");
    }
  }

  @Test
  void aRefusedDecisionIsOneWarnLineWithTheBusinessKey(CapturedOutput output) {
    String key = "rl-" + UUID.randomUUID();
    created = engine.getRuntimeService().createProcessInstanceByKey("cintRemoveRecontacts").businessKey(key)
        .setVariables(Map.of("accountId", 101, "projectId", PROJECT, "targetGroupId", GROUP))
        .startBeforeActivity("ReviewRemovalFailure").execute().getId();
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(created).singleResult();
    int from = output.getOut().length();

    Answer answer = http.json("/engine-rest/task/" + task.getId() + "/complete",
        "{\"variables\": {\"removalDecision\": {\"value\": \"maybe\"}}}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    String message = "removalDecision must be one of";
    List<String> lines = lines(output, from);
    assertThat(lines).as("ERROR lines of the refusal").noneMatch(l -> l.contains(" ERROR ")
        && (l.contains(key) || l.contains(message)));
    assertThat(lines).as("Camunda's ENGINE-16004 line").noneMatch(l -> l.contains("ENGINE-16004")
        && l.contains(message));
    assertThat(lines).as("a stack trace of the refusal").noneMatch(RefusedInputLogTest::traceOfARefusal);
    List<String> warnings = lines.stream().filter(l -> l.contains(" WARN ") && l.contains(message)).toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("[" + key + "|ReviewRemovalFailure]", "Refused (InvalidDecision): "
        + message + " [abort, retry], not 'maybe' (String)");
  }

  @Test
  void aRefusedStartIsOneWarnLineWithTheBusinessKey(CapturedOutput output) {
    String key = "rl-" + UUID.randomUUID();
    int from = output.getOut().length();

    Answer answer = http.json("/engine-rest/process-definition/key/cintRemoveRecontacts/start",
        "{\"businessKey\": \"" + key + "\", \"variables\": {\"accountId\": " + variable("\"101\"", null)
            + ", \"projectId\": " + variable(quoted(PROJECT), null) + ", \"targetGroupId\": "
            + variable(quoted(GROUP), null) + "}}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    String message = "cintRemoveRecontacts was not started: accountId is '101' (String)";
    List<String> lines = lines(output, from);
    assertThat(lines).noneMatch(l -> l.contains(" ERROR ") && (l.contains(key) || l.contains(message)));
    assertThat(lines).noneMatch(RefusedInputLogTest::traceOfARefusal);
    List<String> warnings = lines.stream().filter(l -> l.contains(" WARN ") && l.contains(message)).toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("[" + key + "|RemovalRequested]", "Refused (InvalidStart): " + message);
  }

  @Test
  void aRespondentFileSentAsTextIsNotRepeatedInTheLog(CapturedOutput output) {
    String key = "rl-" + UUID.randomUUID();
    String respondent = UUID.randomUUID().toString();
    int from = output.getOut().length();

    Answer answer = http.json("/engine-rest/process-definition/key/cintRecontact/start",
        "{\"businessKey\": \"" + key + "\", \"variables\": {\"request\": " + EngineRestBadInputTest.request()
            + ", \"respondentFile\": " + variable(quoted(respondent + "\n"), "String") + "}}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    List<String> lines = lines(output, from);
    assertThat(lines.stream().filter(l -> l.contains(" WARN ") && l.contains(key)
        && l.contains("respondentFile is a string variable: expected the respondent IDs as a File variable")))
        .hasSize(1);
    assertThat(lines).as("the respondent ID at INFO or above").noneMatch(l -> l.contains(respondent));
  }

  @Test
  void anyOtherExceptionInACommandKeepsItsError(CapturedOutput output) {
    String boom = "not a refusal " + UUID.randomUUID();
    int from = output.getOut().length();

    assertThatThrownBy(() -> execute(context -> {
      throw new IllegalStateException(boom);
    })).hasMessage(boom);

    assertThat(lines(output, from)).anyMatch(l -> l.contains(" ERROR ") && l.contains("ENGINE-16004")
        && l.contains(boom));
  }

  @Test
  void aRefusalFromJavaIsAWarningToo(CapturedOutput output) {
    String refusal = "refused from Java " + UUID.randomUUID();
    int from = output.getOut().length();

    assertThatThrownBy(() -> execute(context -> {
      throw RefusedInput.decision(refusal);
    })).isInstanceOf(RefusedInput.class);

    List<String> lines = lines(output, from);
    assertThat(lines).noneMatch(l -> l.contains(" ERROR ") && l.contains(refusal));
    assertThat(lines.stream().filter(l -> l.contains(" WARN ") && l.contains(refusal))).hasSize(1);
  }

  private void execute(Command<Void> command) {
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(command);
  }

  /** A line of a stack trace of a RefusedInput: its heading ("…RefusedInput: message") or a frame that throws one. */
  private static boolean traceOfARefusal(String line) {
    return line.contains("io.recontact.engine.RefusedInput: ") || line.contains("at io.recontact.engine.TaskDecisions")
        || line.contains("at io.recontact.engine.StartVariables");
  }

  /** The lines written since {@code from} (characters of standard output). */
  private static List<String> lines(CapturedOutput output, int from) {
    return output.getOut().substring(from).lines().toList();
  }
}
