package io.recontact.engine;

/** Keeps text variables within what Camunda stores in a String variable (4,000 characters on every database). */
public final class Text {

  public static final int MAX_VARIABLE = 3_900;

  private Text() {
  }

  public static String abbreviate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }

  public static String fitVariable(String text) {
    return abbreviate(text, MAX_VARIABLE);
  }
}
