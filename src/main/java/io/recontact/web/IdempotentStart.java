package io.recontact.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code /api} handler that starts a process instance and answers through {@link IdempotentStarts}: the
 * OpenAPI document gets the {@code Idempotency-Key} header and the 200, 409 and 422 answers ({@link IdempotencyDocs}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IdempotentStart {

  /** The 409's description, when the start refuses more than a key still in progress. */
  String conflict() default IdempotencyDocs.KEY_IN_PROGRESS;
}
