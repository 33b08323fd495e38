package io.recontact.sandbox;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Registers {@link SimulatorOnlyFilter} before any configuration class is read, so the application's scans already
 * see it. Listed in META-INF/spring.factories (applied by SpringApplication and by @SpringBootTest alike) rather than
 * named by the application class, which must not depend on the sandbox.
 */
public class SimulatorOnlyFilterInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context.getBeanFactory().registerSingleton(SimulatorOnlyFilter.class.getName(),
        new SimulatorOnlyFilter(context.getEnvironment()));
  }
}
