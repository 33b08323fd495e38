package io.recontact.sandbox.cint;

import java.security.SecureRandom;

/** ULIDs (26 chars Crockford base32: 48-bit millisecond time + 80 random bits), the id format Cint uses. */
final class Ulid {

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ulid() {}

  static String next() {
    char[] out = new char[26];
    long time = System.currentTimeMillis();
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (time & 31)];
      time >>>= 5;
    }
    for (int i = 10; i < 26; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(32)];
    }
    return new String(out);
  }

  /** Random string over the same alphabet, e.g. the 7-character human-readable target group id. */
  static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(32)];
    }
    return new String(out);
  }

  static boolean isValid(String s) {
    return s != null && s.matches("^[0-9A-Z]{26}$");
  }
}
