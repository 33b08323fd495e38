package io.recontact.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What Jackson writes for a record, in the schema springdoc derives from it. The application omits nulls
 * (spring.jackson.default-property-inclusion: non_null), so a primitive component is always there: required. A record
 * marked {@code @JsonInclude(ALWAYS)} (the quota views, the eligibility decision) writes every component, its empty
 * ones as {@code null}: all required, the non-primitive ones nullable. Without this the document would forbid the
 * nulls those answers carry on purpose.
 */
class RecordNulls implements ModelConverter {

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
    Schema schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
    if (schema == null || raw == null || !raw.isRecord()) {
      return schema;
    }
    Schema model = schema;
    if (schema.get$ref() != null && context.getDefinedModels() != null) {
      model = context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
    }
    if (model == null || model.getProperties() == null) {
      return schema;
    }
    JsonInclude include = raw.getAnnotation(JsonInclude.class);
    boolean always = include != null && include.value() == JsonInclude.Include.ALWAYS;
    List<String> required = model.getRequired() == null ? new ArrayList<>() : new ArrayList<>(model.getRequired());
    for (RecordComponent component : raw.getRecordComponents()) {
      if (component.isAnnotationPresent(JsonIgnore.class)) {
        continue;
      }
      JsonProperty renamed = component.getAnnotation(JsonProperty.class);
      String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
      Schema property = (Schema) model.getProperties().get(name);
      if (property == null) {
        continue;
      }
      boolean primitive = component.getType().isPrimitive();
      if ((primitive || always) && !required.contains(name)) {
        required.add(name);
      }
      if (always && !primitive) {
        model.getProperties().put(name, property.get$ref() == null ? property.nullable(true)
            : new ComposedSchema().allOf(List.of(property)).nullable(true));
      }
    }
    model.setRequired(required);
    return schema;
  }
}
