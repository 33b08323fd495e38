package io.recontact.cint.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.recontact.cint.client.CintModel.DownloadedFile;
import io.recontact.cint.client.CintModel.JobCreated;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link FeignCintClient} reads from Cint's answers itself: job ids, the launch's {@code Location}, downloads
 * (raw {@link Response}s, which Feign's error decoder does not see).
 */
final class CintResponses {

  private static final Pattern FILENAME = Pattern.compile("filename\\*?=(?:UTF-8'')?\"?([^\";]+)\"?",
      Pattern.CASE_INSENSITIVE);

  private final ErrorDecoder errorDecoder;
  private final ObjectMapper mapper;

  CintResponses(ErrorDecoder errorDecoder, ObjectMapper mapper) {
    this.errorDecoder = errorDecoder;
    this.mapper = mapper;
  }

  /** The downloaded file of a raw answer, named by its {@code Content-Disposition}. */
  DownloadedFile download(String operation, Response response, String jobId) throws IOException {
    failUnlessSuccessful(operation, response);
    byte[] content;
    try (InputStream body = response.body() == null ? InputStream.nullInputStream()
        : response.body().asInputStream()) {
      content = body.readAllBytes();
    }
    return new DownloadedFile(fileName(response, jobId), content);
  }

  void failUnlessSuccessful(String operation, Response response) {
    if (response.status() < 200 || response.status() >= 300) {
      Exception error = errorDecoder.decode(operation, response);
      if (error instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(error);
    }
  }

  /** Spec: job id = last segment of {@code Location}. Not declared, but tolerated: a body {@code job_id}/{@code id}. */
  String launchJobId(Response response) {
    for (Map.Entry<String, Collection<String>> header : response.headers().entrySet()) {
      if ("location".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
        String location = header.getValue().iterator().next().replaceAll("[?#].*$", "").replaceAll("/+$", "");
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (!id.isBlank()) {
          return id;
        }
      }
    }
    if (response.body() != null) {
      try (InputStream body = response.body().asInputStream()) {
        JobCreated created = mapper.readValue(body, JobCreated.class);
        if (created.jobId() != null && !created.jobId().isBlank()) {
          return created.jobId();
        }
      } catch (IOException ignored) {
        // fall through to the error below
      }
    }
    throw new IllegalStateException("Cint accepted the launch (HTTP " + response.status()
        + ") but sent no Location header and no job id; look the job up in Cint before retrying");
  }

  /** A 2xx answer's JSON body read as {@code type}. */
  <T> T json(Response response, Class<T> type, String operation) {
    failUnlessSuccessful(operation, response);
    try (InputStream body = response.body().asInputStream()) {
      return mapper.readValue(body, type);
    } catch (IOException e) {
      throw new feign.RetryableException(-1, "Reading Cint's answer to " + operation + " failed: " + e.getMessage(),
          feign.Request.HttpMethod.GET, e, (Long) null, null);
    }
  }

  /** The first value of a header (any case), or null. */
  static String header(Response response, String name) {
    for (Map.Entry<String, Collection<String>> header : response.headers().entrySet()) {
      if (name.equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
        return header.getValue().iterator().next();
      }
    }
    return null;
  }

  static String jobId(JobCreated created, String kind) {
    if (created == null || created.jobId() == null || created.jobId().isBlank()) {
      throw new IllegalStateException("Cint accepted the " + kind + " job but its answer carried no job_id");
    }
    return created.jobId();
  }

  static String fileName(Response response, String jobId) {
    for (Map.Entry<String, Collection<String>> header : response.headers().entrySet()) {
      if ("content-disposition".equalsIgnoreCase(header.getKey())) {
        for (String value : header.getValue()) {
          Matcher matcher = FILENAME.matcher(value);
          if (matcher.find()) {
            return matcher.group(1);
          }
        }
      }
    }
    return jobId + ".csv";
  }
}
