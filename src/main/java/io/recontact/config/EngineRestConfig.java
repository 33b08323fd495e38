package io.recontact.config;

import io.recontact.engine.RefusedInput;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Engine REST as Camunda configures it, with one change: a {@link RefusedInput} anywhere in an error's cause chain
 * (a refused start or review decision, wrapped by the engine and then by engine REST as a 500) is answered
 * {@code 400 {"type", "message", "problems"}}. Camunda's three catch-all mappers are replaced by one that does this
 * and otherwise answers exactly as they do; the JSON mappers stay.
 */
@Configuration
public class EngineRestConfig {

  @Bean
  CamundaJerseyResourceConfig camundaJerseyResourceConfig() {
    return new RecontactEngineRest();
  }

  @ApplicationPath("/engine-rest")
  static class RecontactEngineRest extends CamundaJerseyResourceConfig {
    @Override
    protected void registerCamundaRestResources() {
      registerClasses(CamundaRestResources.getResourceClasses());
      Set<Class<?>> configuration = new HashSet<>(CamundaRestResources.getConfigurationClasses());
      configuration.removeAll(Set.of(ExceptionHandler.class, RestExceptionHandler.class,
          ProcessEngineExceptionHandler.class));
      registerClasses(configuration);
      register(JacksonFeature.class);
      register(RefusedInputMapper.class);
    }
  }

  /** Replaces Camunda's ExceptionHandler, RestExceptionHandler and ProcessEngineExceptionHandler (all alike). */
  public static class RefusedInputMapper implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable error) {
      RefusedInput refused = RefusedInput.in(error);
      if (refused == null) {
        return ExceptionHandlerHelper.getInstance().getResponse(error);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", refused.kind().name());
      body.put("message", refused.getMessage());
      body.put("problems", refused.problems());
      return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
  }
}
