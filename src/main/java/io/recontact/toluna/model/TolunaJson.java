package io.recontact.toluna.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The ObjectMapper configuration for Toluna ES JSON: PascalCase names, keys matched case-insensitively, unknown fields ignored. */
public final class TolunaJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .findAndAddModules()
      .build();

  private TolunaJson() {
  }

  /** A shared, thread-safe mapper; do not reconfigure it (call {@code copy()} for changes). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
