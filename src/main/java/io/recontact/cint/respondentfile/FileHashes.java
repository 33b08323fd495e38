package io.recontact.cint.respondentfile;

import io.recontact.cint.client.CintModel.EntityType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The two fingerprints of a respondent file: its bytes as received, and the set of respondents it names. */
public final class FileHashes {

  private FileHashes() {
  }

  /**
   * SHA-256 over the entity type and the accepted IDs, sorted: the same respondents give the same hash however the
   * file was written (order, header row, line ends, BOM, case of RSIDs, duplicates and invalid lines), unlike
   * {@link #sha256}, which is of the bytes as received.
   */
  public static String idSetSha256(EntityType type, List<String> accepted) {
    List<String> sorted = new ArrayList<>(accepted);
    sorted.sort(null);
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(type.name().getBytes(StandardCharsets.UTF_8));
      for (String id : sorted) {
        digest.update((byte) '\n');
        digest.update(id.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** SHA-256 of the bytes as received: the same upload sent again is recognised (RespondentFileStore). */
  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
