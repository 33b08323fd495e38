package io.recontact.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Test-only hook for the crash harness, active only in an engine process started with
 * {@code recontact.test.crash.activity} (one service task id, or several separated by commas): the first time one
 * of them runs, it writes the marker file and blocks
 * its thread until the harness kills the process. {@code before}: at the task's start, before any API call.
 * {@code after}: when the task's transaction commits, after every answer and before the commit. {@code during}: at
 * the task's start it asks the simulator to delay the next call of the task's operation ({@code fault-url},
 * {@code fault-body}), writes the marker and goes on, so the harness can kill while the call hangs.
 */
@Component
@ConditionalOnProperty(prefix = "recontact.test.crash", name = "activity")
class CrashPoint extends AbstractProcessEnginePlugin {

  private final java.util.Set<String> activities;
  private final boolean after;
  private final Path marker;
  private final String faultUrl;
  private final String faultBody;
  private final String armedBy;
  private final AtomicBoolean hit = new AtomicBoolean();

  CrashPoint(@Value("${recontact.test.crash.activity}") String activity,
      @Value("${recontact.test.crash.when:before}") String when,
      @Value("${recontact.test.crash.marker}") String marker,
      @Value("${recontact.test.crash.fault-url:}") String faultUrl,
      @Value("${recontact.test.crash.fault-body:}") String faultBody,
      @Value("${recontact.test.crash.armed-by:}") String armedBy) {
    this.activities = java.util.Set.of(activity.split(","));
    this.after = "after".equals(when);
    this.marker = Path.of(marker);
    this.faultUrl = faultUrl;
    this.faultBody = faultBody;
    this.armedBy = armedBy;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl task) {
        if (activities.contains(task.getId())) {
          ExecutionListener listener = execution -> trip(task.getId() + " " + execution.getProcessInstanceId() + " "
              + execution.getProcessBusinessKey());
          task.addListener(after ? ExecutionListener.EVENTNAME_END : ExecutionListener.EVENTNAME_START, listener);
        }
      }
    });
    configuration.setCustomPreBPMNParseListeners(listeners);
  }

  private void trip(String where) {
    // armed-by: the hook waits for that file, so a node can run a first load untouched.
    if (!armedBy.isEmpty() && !Files.exists(Path.of(armedBy)) || !hit.compareAndSet(false, true)) {
      return;
    }
    if (!faultUrl.isEmpty()) {
      delayNextCall();
      writeMarker(where);
    } else if (after) {
      Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTING,
          context -> block(where));
    } else {
      block(where);
    }
  }

  private void delayNextCall() {
    try {
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(faultUrl))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(faultBody)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("fault not installed: " + answer.statusCode() + " " + answer.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** "activity processInstanceId businessKey", written whole (the harness reads it once the file exists). */
  private void writeMarker(String where) {
    try {
      Path partial = marker.resolveSibling(marker.getFileName() + ".tmp");
      Files.writeString(partial, where);
      Files.move(partial, marker, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void block(String where) {
    writeMarker(where);
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // The harness ends this process with SIGKILL; nothing here may let the transaction go on.
      }
    }
  }
}
