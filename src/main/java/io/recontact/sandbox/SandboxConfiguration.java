package io.recontact.sandbox;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The one switch of the sandbox: the simulators, the partner receiver and SMTP server, the demo users, the panel
 * seed and their settings ({@link SandboxProperties}) exist only through this class, and this class only when
 * {@code recontact.sandbox.enabled=true}. The application's own scans leave {@code io.recontact.sandbox} out
 * ({@link SimulatorOnlyFilter}), and no class outside it refers to it (ArchitectureTest), so it is listed as an
 * auto-configuration (META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports) rather than
 * imported. Its scan excludes what the application's does, except the sandbox itself ({@link SandboxScanFilter}).
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "recontact.sandbox", name = "enabled", havingValue = "true")
@ComponentScan(excludeFilters = {
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = SandboxScanFilter.class),
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxConfiguration {
}
