package io.recontact.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The shared check of a process's start variables, used by each flow's start listener
 * ({@code camunda:executionListener event="start"} on the process). It runs in the starting transaction before the
 * first wait state, so a refused start leaves no instance; every problem is named in one message.
 */
public final class StartVariables {

  private static final Pattern ULID = Pattern.compile("^[0-9A-Z]{26}$");
  private static final int ECHO = 60;

  private final String processKey;
  private final DelegateExecution execution;
  private final List<String> problems = new ArrayList<>();

  private StartVariables(String processKey, DelegateExecution execution) {
    this.processKey = processKey;
    this.execution = execution;
  }

  public static StartVariables of(String processKey, DelegateExecution execution) {
    return new StartVariables(processKey, execution);
  }

  public Object value(String name) {
    return execution.getVariable(name);
  }

  public boolean has(String name) {
    return execution.getVariable(name) != null;
  }

  /** A whole number from 1 to Integer.MAX_VALUE (Integer or Long in engine REST). */
  public StartVariables positiveInteger(String name, String what) {
    Object value = value(name);
    if (value == null) {
      missing(name, what + ", a whole number of at least 1");
    } else if (!(value instanceof Number n) || n.doubleValue() % 1 != 0 || n.doubleValue() < 1
        || n.doubleValue() > Integer.MAX_VALUE) {
      wrong(name, value, what + ", a whole number of at least 1");
    }
    return this;
  }

  /** A whole number of at least 1 (Integer or Long). */
  public StartVariables positiveLong(String name, String what) {
    Object value = value(name);
    if (value == null) {
      missing(name, what + ", a whole number of at least 1");
    } else if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1) {
      wrong(name, value, what + ", a whole number of at least 1");
    }
    return this;
  }

  /** A String matching {@code pattern}. */
  public StartVariables matches(String name, Pattern pattern, String what) {
    Object value = value(name);
    if (value == null) {
      missing(name, what);
    } else if (!(value instanceof String text) || !pattern.matcher(text).matches()) {
      wrong(name, value, what);
    }
    return this;
  }

  /** A Cint id: 26 characters, 0-9 and A-Z. */
  public StartVariables ulid(String name, String what) {
    Object value = value(name);
    if (value == null) {
      missing(name, what + " (26 characters, 0-9 and A-Z)");
    } else if (!(value instanceof String text) || !ULID.matcher(text).matches()) {
      wrong(name, value, what + " (26 characters, 0-9 and A-Z)");
    }
    return this;
  }

  /** Exactly one of {@code allowed}; absent is fine when {@code optional}. */
  public StartVariables oneOf(String name, Collection<String> allowed, boolean optional) {
    return oneOf(name, allowed, optional, false);
  }

  /** One of {@code allowed}, in any case (the flow normalises it); absent is fine when {@code optional}. */
  public StartVariables oneOfIgnoringCase(String name, Collection<String> allowed, boolean optional) {
    return oneOf(name, allowed, optional, true);
  }

  private StartVariables oneOf(String name, Collection<String> allowed, boolean optional, boolean ignoreCase) {
    Object value = value(name);
    Set<String> sorted = new TreeSet<>(allowed);
    if (value == null) {
      if (!optional) {
        missing(name, "one of " + sorted);
      }
    } else if (!(value instanceof String text)
        || allowed.stream().noneMatch(a -> ignoreCase ? a.equalsIgnoreCase(text) : a.equals(text))) {
      wrong(name, value, "one of " + sorted);
    }
    return this;
  }

  /** A File variable (engine REST {@code "type": "File"}), or null after naming the problem. */
  public FileVariables.Upload file(String name, String what) {
    TypedValue typed = execution.getVariableTyped(name);
    if (typed == null || typed.getValue() == null) {
      missing(name, what + " as a File variable");
      return null;
    }
    if (!(typed instanceof FileValue)) {
      // Not echoed: the value is a respondent file's content, and the message is logged (RefusedInputLogging).
      problems.add(name + " is a " + typed.getType().getName() + " variable: expected " + what
          + " as a File variable (\"type\": \"File\")");
      return null;
    }
    return FileVariables.read(execution, name);
  }

  /** No start variables at all (a process that takes none). */
  public StartVariables none(String why) {
    Set<String> names = new TreeSet<>(execution.getVariableNames());
    if (!names.isEmpty()) {
      problems.add("takes no variables (" + why + "); remove " + names);
    }
    return this;
  }

  /** The business key is the reference of what the instance stores: at most {@code max} characters. */
  public StartVariables businessKeyAtMost(int max) {
    String key = execution.getProcessBusinessKey();
    if (key != null && key.length() > max) {
      problems.add("the business key has " + key.length() + " characters: at most " + max);
    }
    return this;
  }

  public StartVariables problem(String problem) {
    problems.add(problem);
    return this;
  }

  public StartVariables problems(Collection<String> more) {
    problems.addAll(more);
    return this;
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Refuses the start, naming every problem; nothing is started. */
  public void orRefuse() {
    if (!problems.isEmpty()) {
      throw new RefusedInput(RefusedInput.Kind.InvalidStart, processKey + " was not started: "
          + String.join("; ", problems), problems);
    }
  }

  private void missing(String name, String expected) {
    problems.add(name + " is missing: " + expected);
  }

  private void wrong(String name, Object value, String expected) {
    problems.add(name + " is " + echo(value) + ": expected " + expected);
  }

  /** The wrong value as the caller sent it, short (a variable may hold megabytes). */
  public static String echo(Object value) {
    String text = String.valueOf(value);
    return "'" + Text.abbreviate(text, ECHO + 1) + "' (" + value.getClass().getSimpleName() + ")";
  }
}
