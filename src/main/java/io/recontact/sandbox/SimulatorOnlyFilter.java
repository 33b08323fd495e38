package io.recontact.sandbox;

import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;

/**
 * Keeps the sandbox out of the application's component scan: its beans come only through its own switch
 * (io.recontact.sandbox.SandboxConfiguration). In the standalone {@code simulator} profile the scan finds nothing at
 * all: no engine runs there, so no orchestrator bean (delegates, clients, API) may be created; the simulators come
 * from the sandbox's switch, which application-simulator.yaml turns on.
 */
public class SimulatorOnlyFilter implements TypeFilter, EnvironmentAware {

  static final String SANDBOX_PACKAGE = "io.recontact.sandbox.";

  private boolean simulatorOnly;

  @Override
  public void setEnvironment(Environment environment) {
    simulatorOnly = environment.acceptsProfiles(Profiles.of("simulator"));
  }

  @Override
  public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
    return simulatorOnly || reader.getClassMetadata().getClassName().startsWith(SANDBOX_PACKAGE);
  }
}
