package io.recontact.sandbox.cint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** How the simulator reads an upload job's file: its lines, and the RSID each line names. */
final class JobFiles {

  private JobFiles() {
  }

  /** Lines split on LF or CRLF; a final trailing newline does not start another line. */
  static List<String> lines(byte[] file) {
    String text = new String(file, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(List.of(text.split("\r?\n", -1)));
    if (text.endsWith("\n")) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  static String rsidOf(String token) {
    return CintTargetGroupValidator.isUuid(token) ? token.toLowerCase(Locale.ROOT) : null;
  }

  /**
   * The simulator's stand-in for Cint's internal RID table: a name-based (v3) UUID of the lowercased RID, so the same
   * RID always maps to the same RSID.
   */
  static String ridToRsid(String rid) {
    if (!rid.matches("^[A-Za-z0-9_-]{1,128}$")) {
      return null;
    }
    return UUID.nameUUIDFromBytes(("rid:" + rid.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
