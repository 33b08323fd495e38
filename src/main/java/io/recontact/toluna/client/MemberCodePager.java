package io.recontact.toluna.client;

import io.recontact.toluna.client.TolunaMessages.MemberCodesPage;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keyset paging over a recontact quota's member codes: asks for pages of {@code pageSize} (below Toluna's 10,000),
 * continues after the last code received, and stops when {@code HasAdditionalMembers} is false. It trusts the codes
 * it got, not {@code MaxResults}, which only echoes the page size.
 */
public final class MemberCodePager {

  interface PageSource {
    MemberCodesPage page(int maxResults, String lastMemberCodeReceived);
  }

  private MemberCodePager() {
  }

  static void forEachPage(PageSource source, int pageSize, Consumer<List<String>> consumer) {
    String last = null;
    while (true) {
      MemberCodesPage page = source.page(pageSize, last);
      List<String> codes = codes(page);
      if (!codes.isEmpty()) {
        consumer.accept(codes);
      }
      last = next(last, page);
      if (last == null) {
        return;
      }
    }
  }

  /** The codes of a page, never null. */
  public static List<String> codes(MemberCodesPage page) {
    return page.memberCodes() == null ? List.of() : page.memberCodes();
  }

  /**
   * The cursor for the page after {@code page} (its last code), or null when Toluna said there are no more. Refuses
   * a page that would make paging loop: more announced but no codes, or codes that do not advance past the cursor.
   */
  public static String next(String last, MemberCodesPage page) {
    if (!page.hasAdditionalMembers()) {
      return null;
    }
    List<String> codes = codes(page);
    if (codes.isEmpty()) {
      throw new IllegalStateException("Toluna said HasAdditionalMembers but sent no member codes after '" + last
          + "': stopping instead of asking for the same page again");
    }
    String next = codes.get(codes.size() - 1);
    if (last != null && next.compareTo(last) <= 0) {
      throw new IllegalStateException("Toluna's member codes did not advance past '" + last + "' (got '" + next
          + "'): stopping instead of looping");
    }
    return next;
  }
}
