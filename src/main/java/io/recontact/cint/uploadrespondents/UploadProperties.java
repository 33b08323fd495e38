package io.recontact.cint.uploadrespondents;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Size of the files sent to Cint. Bytes stay below Cint's 5 MB limit with a margin (see {@code UploadChunks}); fewer
 * IDs per file mean more, shorter jobs, so progress is visible earlier and a failed job costs less.
 *
 * @param maxBytesPerFile bytes per file sent to Cint (it refuses 5 MB)
 * @param maxIdsPerFile IDs per file; more, smaller jobs show progress earlier
 */
@ConfigurationProperties("recontact.cint.upload")
public record UploadProperties(
    @DefaultValue("4500000") int maxBytesPerFile,
    @DefaultValue("100000") int maxIdsPerFile) {
}
