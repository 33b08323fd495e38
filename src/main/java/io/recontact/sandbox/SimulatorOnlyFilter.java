package io.recontact.sandbox;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps the sandbox out of the application's scans: its beans come only through its own switch
 * ({@link SandboxConfiguration}). In the standalone {@code simulator} profile the scans find nothing at all: no engine
 * runs there, so no orchestrator bean (delegates, clients, API) may be created; the simulators come from the
 * sandbox's switch, which application-simulator.yaml turns on.
 *
 * <p>A {@link TypeExcludeFilter} bean, because {@code @SpringBootApplication}'s component scan and
 * {@code @ConfigurationPropertiesScan} consult every such bean: the application class need not name the sandbox
 * (ArchitectureTest). {@link SimulatorOnlyFilterInitializer} registers it; {@link SandboxScanFilter} keeps it out of
 * the sandbox's own scan.
 */
final class SimulatorOnlyFilter extends TypeExcludeFilter {

  private static final String SANDBOX_PACKAGE = SimulatorOnlyFilter.class.getPackageName() + ".";
  private static final Profiles SIMULATOR = Profiles.of("simulator");
  private static final String CONFIGURATION_PROPERTIES = ConfigurationProperties.class.getName();

  private final Environment environment;

  SimulatorOnlyFilter(Environment environment) {
    this.environment = environment;
  }

  /**
   * Settings records are left alone: {@code @ConfigurationPropertiesScan} binds every one of them in every profile,
   * as it always has (prod keeps {@code SandboxProperties} bound, switched off), and they are no components.
   */
  @Override
  public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
    if (reader.getAnnotationMetadata().hasAnnotation(CONFIGURATION_PROPERTIES)) {
      return false;
    }
    return environment.acceptsProfiles(SIMULATOR)
        || reader.getClassMetadata().getClassName().startsWith(SANDBOX_PACKAGE);
  }

  // TypeExcludeFilter's own equals and hashCode throw; one instance per context, so identity.
  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
