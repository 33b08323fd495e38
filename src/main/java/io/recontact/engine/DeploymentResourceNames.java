package io.recontact.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaDeploymentConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultDeploymentConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.ContextResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Deploys bpmn/ and forms/ under their class path names ({@code bpmn/cint-recontact.bpmn}) instead of the absolute
 * file path Camunda's Spring integration takes for a file on disk ({@code /…/target/classes/bpmn/…}): Cockpit shows
 * readable names, and duplicate filtering on restart no longer depends on where the build or jar lives.
 */
@Configuration(proxyBeanMethods = false)
public class DeploymentResourceNames {

  /** Replaces the starter's default (it backs off when a bean of this type exists). */
  @Bean
  static CamundaDeploymentConfiguration recontactDeploymentConfiguration() {
    return new ClassPathNamed();
  }

  static final class ClassPathNamed extends DefaultDeploymentConfiguration {

    @Override
    public Set<Resource> getDeploymentResources() {
      List<Root> roots = roots(camundaBpmProperties.getDeploymentResourcePattern());
      Set<Resource> named = new LinkedHashSet<>();
      for (Resource resource : super.getDeploymentResources()) {
        named.add(named(resource, roots));
      }
      return named;
    }

    private static Resource named(Resource resource, List<Root> roots) {
      String url = url(resource);
      for (Root root : roots) {
        if (url.startsWith(root.url())) {
          return new Named(root.path() + url.substring(root.url().length()), resource);
        }
      }
      return resource;
    }

    /** Each pattern's fixed directory ({@code bpmn/} of {@code classpath*:bpmn/**}/*.bpmn) in every class path entry. */
    private static List<Root> roots(String[] patterns) {
      PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
      List<Root> roots = new ArrayList<>();
      for (String pattern : patterns) {
        String path = pattern.replaceFirst("^classpath\\*?:", "");
        int wildcard = path.replaceAll("[?{]", "*").indexOf('*');
        String dir = path.substring(0, path.lastIndexOf('/', wildcard < 0 ? path.length() : wildcard) + 1);
        if (dir.isEmpty()) {
          continue;
        }
        try {
          for (Resource root : resolver.getResources("classpath*:" + dir)) {
            String url = url(root);
            roots.add(new Root(dir, url.endsWith("/") ? url : url + "/"));
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot resolve " + dir, e);
        }
      }
      return roots;
    }

    private static String url(Resource resource) {
      try {
        return resource.getURL().toString();
      } catch (IOException e) {
        throw new UncheckedIOException("no URL for " + resource, e);
      }
    }
  }

  private record Root(String path, String url) {
  }

  /** Camunda names a {@link ContextResource} by its path within the context. */
  static final class Named extends AbstractResource implements ContextResource {

    private final String name;
    private final Resource resource;

    Named(String name, Resource resource) {
      this.name = name;
      this.resource = resource;
    }

    @Override
    public String getPathWithinContext() {
      return name;
    }

    @Override
    public String getFilename() {
      return resource.getFilename();
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return resource.getInputStream();
    }

    @Override
    public boolean exists() {
      return resource.exists();
    }

    @Override
    public String getDescription() {
      return name + " (" + resource.getDescription() + ")";
    }
  }
}
