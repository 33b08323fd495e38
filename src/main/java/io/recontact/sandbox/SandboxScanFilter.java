package io.recontact.sandbox;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;

/**
 * The exclude filter of {@link SandboxConfiguration}'s own scan: like {@link TypeExcludeFilter} it consults every
 * TypeExcludeFilter bean (the tests' {@code @TestConfiguration} classes and slices stay out), except
 * {@link SimulatorOnlyFilter}, which would leave the sandbox out of its own scan.
 */
final class SandboxScanFilter implements TypeFilter, BeanFactoryAware {

  private ListableBeanFactory beanFactory;
  private Collection<TypeExcludeFilter> delegates;

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory instanceof ListableBeanFactory listable ? listable : null;
  }

  @Override
  public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
    for (TypeExcludeFilter delegate : delegates()) {
      if (delegate.match(reader, factory)) {
        return true;
      }
    }
    return false;
  }

  private Collection<TypeExcludeFilter> delegates() {
    if (delegates == null) {
      delegates = beanFactory == null ? List.of() : beanFactory.getBeansOfType(TypeExcludeFilter.class).values()
          .stream().filter(filter -> !(filter instanceof SimulatorOnlyFilter)).toList();
    }
    return delegates;
  }
}
