package io.recontact;

import java.util.List;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;

/**
 * In the standalone {@code simulator} profile only the simulators and their settings are components: no engine
 * runs there, so no orchestrator bean (delegates, clients, API) may be created.
 */
public class SimulatorOnlyFilter implements TypeFilter, EnvironmentAware {

  static final List<String> SIMULATOR_PACKAGES = List.of("io.recontact.sandbox.cint.", "io.recontact.sandbox.toluna.",
      "io.recontact.sandbox.");

  private boolean simulatorOnly;

  @Override
  public void setEnvironment(Environment environment) {
    simulatorOnly = environment.acceptsProfiles(Profiles.of("simulator"));
  }

  @Override
  public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
    if (!simulatorOnly) {
      return false;
    }
    String type = reader.getClassMetadata().getClassName();
    return SIMULATOR_PACKAGES.stream().noneMatch(type::startsWith);
  }
}
