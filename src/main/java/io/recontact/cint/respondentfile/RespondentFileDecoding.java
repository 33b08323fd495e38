package io.recontact.cint.respondentfile;

import io.recontact.cint.respondentfile.RespondentFileRejectedException.Reason;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The file level of {@link RespondentFileHygiene}: refuses what is not UTF-8 text (workbooks, PDFs, UTF-16, binary)
 * with a message saying what to upload instead, and decodes the rest.
 */
final class RespondentFileDecoding {

  private RespondentFileDecoding() {
  }

  static String decode(byte[] content) {
    if (content == null || content.length == 0) {
      throw new RespondentFileRejectedException(Reason.EMPTY,
          "The file is empty. Upload a CSV or TXT file with one identifier per line.");
    }
    if (startsWith(content, 'P', 'K', 3, 4) || startsWith(content, 'P', 'K', 5, 6)) {
      throw new RespondentFileRejectedException(Reason.ARCHIVE, "The file is an Excel workbook (.xlsx) or a ZIP "
          + "archive. Open it and save it as CSV (one identifier per line, no header), then upload the CSV.");
    }
    if (startsWith(content, '%', 'P', 'D', 'F')) {
      throw new RespondentFileRejectedException(Reason.PDF,
          "The file is a PDF. Upload a CSV or TXT file with one identifier per line.");
    }
    if (startsWith(content, 0xFF, 0xFE) || startsWith(content, 0xFE, 0xFF)) {
      throw new RespondentFileRejectedException(Reason.UTF16, "The file is UTF-16 text (Excel's \"Unicode Text\"). "
          + "Save it as \"CSV UTF-8\" or plain UTF-8 text and upload it again.");
    }
    if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
      throw new RespondentFileRejectedException(Reason.BINARY, "The file is an old Excel workbook (.xls) or another "
          + "Office document. Save it as CSV (one identifier per line, no header) and upload the CSV.");
    }
    for (int i = 0; i < content.length; i++) {
      if (content[i] == 0) {
        throw new RespondentFileRejectedException(Reason.BINARY, "The file is not text (it contains NUL bytes, "
            + "first at byte " + i + "). Upload a CSV or TXT file with one identifier per line.");
      }
    }
    // Strict decoding: a Latin-1 or Windows-1252 file would otherwise turn into IDs with replacement characters.
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content);
    CharBuffer out = CharBuffer.allocate(content.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      throw new RespondentFileRejectedException(Reason.NOT_UTF8, "The file is not valid UTF-8 text (line "
          + lineOf(content, offset) + ", byte " + offset + "). Save it as \"CSV UTF-8\" or plain UTF-8 text and "
          + "upload it again.");
    }
    out.flip();
    return out.toString();
  }

  private static boolean startsWith(byte[] content, int... prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((content[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int lineOf(byte[] content, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < content.length; i++) {
      if (content[i] == '\n' || (content[i] == '\r' && (i + 1 >= content.length || content[i + 1] != '\n'))) {
        line++;
      }
    }
    return line;
  }
}
