package io.recontact.engine;

import java.util.List;

/**
 * Input a person or a caller must fix: a process start with missing or wrong variables, or a review decision the
 * diagram cannot route. Thrown inside the engine's transaction, so nothing is started or completed; engine REST
 * answers it with 400 (io.recontact.config.EngineRestConfig), Java callers see it in the cause chain.
 */
public class RefusedInput extends RuntimeException {

  /** What was refused: the {@code type} of the engine REST error body. */
  public enum Kind { InvalidStart, InvalidDecision }

  private final Kind kind;
  private final List<String> problems;

  public RefusedInput(Kind kind, String message, List<String> problems) {
    super(message);
    this.kind = kind;
    this.problems = List.copyOf(problems);
  }

  public static RefusedInput decision(String message) {
    return new RefusedInput(Kind.InvalidDecision, message, List.of(message));
  }

  public Kind kind() {
    return kind;
  }

  public List<String> problems() {
    return problems;
  }

  /** The first RefusedInput in a cause chain (the engine wraps listener exceptions), or null. */
  public static RefusedInput in(Throwable error) {
    Throwable current = error;
    for (int depth = 0; current != null && depth < 20; depth++) {
      if (current instanceof RefusedInput refused) {
        return refused;
      }
      current = current.getCause();
    }
    return null;
  }
}
