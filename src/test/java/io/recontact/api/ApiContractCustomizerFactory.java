package io.recontact.api;

import java.util.List;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Puts {@link ApiContractInterceptor} into every test context's RestTemplateBuilder (registered in
 * META-INF/spring.factories), so the TestRestTemplate every Spring Boot test autowires checks its /api exchanges
 * without the test asking. The customizer is the same for every context and keeps the context cache intact.
 */
class ApiContractCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    return new Customizer();
  }

  static final class Customizer implements ContextCustomizer {
    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
      if (context.getBeanFactory() instanceof BeanDefinitionRegistry registry) {
        RootBeanDefinition definition = new RootBeanDefinition(RestTemplateCustomizer.class,
            () -> (RestTemplateCustomizer) template -> template.getInterceptors().add(new ApiContractInterceptor()));
        registry.registerBeanDefinition("apiContractRestTemplateCustomizer", definition);
      }
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Customizer;
    }

    @Override
    public int hashCode() {
      return Customizer.class.hashCode();
    }
  }
}
