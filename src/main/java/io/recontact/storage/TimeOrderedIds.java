package io.recontact.storage;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDs whose text sorts by creation time (version 7, RFC 9562: 48 bits of Unix milliseconds, then 74 random bits).
 * For keys written by the hundred thousand: a new key lands at the end of each index it is in, so a commit changes a
 * few index pages instead of one per row (on H2 each changed page is written again at every commit). As unguessable as
 * a random UUID for anyone who does not know the millisecond.
 */
public final class TimeOrderedIds {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TimeOrderedIds() {
  }

  public static String next() {
    return next(System.currentTimeMillis());
  }

  static String next(long epochMillis) {
    long randomA = RANDOM.nextLong();
    long randomB = RANDOM.nextLong();
    long msb = (epochMillis << 16) | 0x7000L | (randomA & 0x0FFFL);
    long lsb = (randomB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }
}
