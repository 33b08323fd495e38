package io.recontact.engine;

import java.io.IOException;
import java.io.InputStream;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.FileValue;

/** Reads a File variable (engine REST start) once; the caller stores it and removes the variable. */
public final class FileVariables {

  public record Upload(String fileName, byte[] content) {
  }

  private FileVariables() {
  }

  /** The file, or {@code null} when the variable is absent. */
  public static Upload read(VariableScope scope, String name) {
    FileValue value = scope.getVariableTyped(name);
    if (value == null || value.getValue() == null) {
      return null;
    }
    try (InputStream in = value.getValue()) {
      return new Upload(value.getFilename(), in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("Reading the file variable '" + name + "' failed", e);
    }
  }
}
