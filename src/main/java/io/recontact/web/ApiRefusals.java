package io.recontact.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.engine.Text;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The refusals Spring MVC makes itself under {@code /api} (a path variable that is no number, a Content-Type a
 * handler does not read, a method the path does not have, a missing part) answer the API's JSON error body
 * {@code {"message"}} instead of Spring Boot's {@code {timestamp, status, error, path}}, which names no problem.
 * Runs after the {@code @ExceptionHandler}s, so the controllers' own (more precise) answers and the simulators' stay.
 */
@Configuration
class ApiRefusals implements WebMvcConfigurer {

  private final ObjectMapper mapper;

  ApiRefusals(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
    resolvers.add(Math.min(1, resolvers.size()), this::resolve);
  }

  private ModelAndView resolve(HttpServletRequest request, HttpServletResponse response, Object handler,
      Exception error) {
    if (!PathExemptFilter.under(request, "/api/") || response.isCommitted()) {
      return null;
    }
    int status;
    String message;
    if (error instanceof TypeMismatchException mismatch) {
      status = 400;
      message = (mismatch.getPropertyName() == null ? "A value" : mismatch.getPropertyName()) + " must be "
          + (mismatch.getRequiredType() == null ? "valid" : "a " + mismatch.getRequiredType().getSimpleName())
          + ", not '" + Text.abbreviate(String.valueOf(mismatch.getValue()), 60) + "'";
    } else if (error instanceof HttpMessageNotReadableException) {
      status = 400;
      message = "The body could not be read: send it as the OpenAPI document (/v3/api-docs) describes";
    } else if (error instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
      refusal.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
      status = refusal.getStatusCode().value();
      message = refusal.getBody().getDetail() == null ? "The request was refused (" + status + ")"
          : refusal.getBody().getDetail();
    } else {
      return null;
    }
    try {
      response.setStatus(status);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      mapper.writeValue(response.getOutputStream(), Map.of("message", message));
      return new ModelAndView();
    } catch (IOException e) {
      return null;
    }
  }
}
