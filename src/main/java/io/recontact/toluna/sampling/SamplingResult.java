package io.recontact.toluna.sampling;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Outcome of {@link SamplingEngine#evaluate}.
 *
 * @param matched              true when every Layer matched
 * @param failedLayers         every Layer that did not match, in order (empty when matched)
 * @param prescreenQuestionIds routable questions the member has no answer to, which Toluna will ask in its
 *                             prescreener (only when matched; empty otherwise)
 */
public record SamplingResult(boolean matched, List<LayerFailure> failedLayers, List<Long> prescreenQuestionIds) {

  public SamplingResult {
    failedLayers = List.copyOf(failedLayers);
    prescreenQuestionIds = List.copyOf(prescreenQuestionIds);
    if (matched != failedLayers.isEmpty()) {
      throw new IllegalArgumentException("matched must be true exactly when no Layer failed");
    }
  }

  public static SamplingResult match(List<Long> prescreenQuestionIds) {
    return new SamplingResult(true, List.of(), prescreenQuestionIds);
  }

  public static SamplingResult noMatch(List<LayerFailure> failedLayers) {
    return new SamplingResult(false, failedLayers, List.of());
  }

  /** Human-readable reason; "matched" when matched. Failed layers are joined with " | ". */
  public String reason() {
    if (matched) {
      return prescreenQuestionIds.isEmpty() ? "matched"
          : "matched (Toluna prescreens routable questions " + prescreenQuestionIds + ")";
    }
    return failedLayers.stream().map(LayerFailure::describe).collect(Collectors.joining(" | "));
  }

  /** The first Layer that failed. */
  public Optional<LayerFailure> firstFailure() {
    return failedLayers.stream().findFirst();
  }

  @Override
  public String toString() {
    return reason();
  }
}
