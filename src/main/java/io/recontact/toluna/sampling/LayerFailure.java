package io.recontact.toluna.sampling;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A Layer in which no open SubQuota matched.
 *
 * @param layerNumber      1-based position of the Layer in the Quota
 * @param layerId          Toluna's LayerID
 * @param layerName        derived from the Layer's questions, e.g. "Age" or "Gender + Age"
 * @param subQuotaFailures one entry per SubQuota, in order (empty when the Layer has none)
 */
public record LayerFailure(int layerNumber, Long layerId, String layerName, List<SubQuotaFailure> subQuotaFailures) {

  public LayerFailure {
    subQuotaFailures = List.copyOf(subQuotaFailures);
  }

  /** The distinct QuestionIDs that failed in this Layer, in order. */
  public List<Long> questionIds() {
    return subQuotaFailures.stream().map(SubQuotaFailure::questionId).filter(Objects::nonNull)
        .distinct().toList();
  }

  /** e.g. "Layer 2 (Age, LayerID 613572): no open SubQuota matched: SubQuota 5: age 17 not in 18-34; SubQuota 7 is full". */
  public String describe() {
    String head = "Layer " + layerNumber + " (" + layerName + ", LayerID " + layerId + "): ";
    if (subQuotaFailures.isEmpty()) {
      return head + "has no SubQuotas";
    }
    return head + "no open SubQuota matched: "
        + subQuotaFailures.stream().map(SubQuotaFailure::describe).collect(Collectors.joining("; "));
  }
}
