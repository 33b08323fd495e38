package io.recontact.sandbox;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The one switch of the sandbox: the simulators, the partner receiver and SMTP server, the demo users and the panel
 * seed exist only through this class, and this class only when {@code recontact.sandbox.enabled=true}. The
 * application's own component scan leaves {@code io.recontact.sandbox} out, and no class outside it refers to it
 * (ArchitectureTest), so it is listed as an auto-configuration
 * (META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports) rather than imported.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "recontact.sandbox", name = "enabled", havingValue = "true")
@ComponentScan(excludeFilters = {
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
public class SandboxConfiguration {
}
