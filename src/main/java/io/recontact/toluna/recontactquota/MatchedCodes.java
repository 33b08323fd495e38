package io.recontact.toluna.recontactquota;

import io.recontact.toluna.QuotaMemberState;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A quota's MATCHED member codes in code order, read a page at a time as a job's calls take them; each page is read
 * past the last code handed out, so members whose invites are still being stored are not read again. With
 * {@code onePage}, only the first page (member sync sent that page's profiles only).
 */
final class MatchedCodes implements Iterator<String> {

  private final QuotaMembers members;
  private final String panel;
  private final long quota;
  private final int pageSize;
  private final boolean onePage;
  private List<String> page;
  private int next;
  private int taken;

  MatchedCodes(QuotaMembers members, String panel, long quota, List<String> first, int pageSize, boolean onePage) {
    this.members = members;
    this.panel = panel;
    this.quota = quota;
    this.page = first;
    this.pageSize = pageSize;
    this.onePage = onePage;
  }

  @Override
  public boolean hasNext() {
    if (next < page.size()) {
      return true;
    }
    if (onePage || page.size() < pageSize) {
      return false;
    }
    page = members.codesIn(panel, quota, QuotaMemberState.MATCHED, page.get(page.size() - 1), pageSize);
    next = 0;
    return !page.isEmpty();
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    taken++;
    return page.get(next++);
  }

  /** Codes handed out so far. */
  int taken() {
    return taken;
  }
}
