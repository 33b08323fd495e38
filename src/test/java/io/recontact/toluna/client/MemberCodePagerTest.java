package io.recontact.toluna.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recontact.toluna.client.TolunaMessages.MemberCodesPage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MemberCodePagerTest {

  final List<String> codes = IntStream.rangeClosed(1, 25_000).mapToObj(i -> String.format("M-%06d", i)).toList();
  final List<String> requests = new ArrayList<>();

  /** Behaves like Toluna: codes strictly after the cursor, MaxResults echoing the page size. */
  MemberCodesPage serve(int maxResults, String last) {
    requests.add(maxResults + "/" + last);
    int from = last == null ? 0 : (int) codes.stream().filter(c -> c.compareTo(last) <= 0).count();
    List<String> page = codes.subList(from, Math.min(codes.size(), from + maxResults));
    return new MemberCodesPage(maxResults, from + page.size() < codes.size(), page);
  }

  @Test
  void everyCodeExactlyOnceInPagesBelowTenThousand() {
    List<String> seen = new ArrayList<>();
    MemberCodePager.forEachPage(this::serve, 5_000, seen::addAll);

    assertThat(seen).containsExactlyElementsOf(codes);
    assertThat(requests).containsExactly("5000/null", "5000/M-005000", "5000/M-010000", "5000/M-015000",
        "5000/M-020000");
  }

  @Test
  void shortPagesAreFollowedByTheirLastCodeNotByMaxResults() {
    List<String> seen = new ArrayList<>();
    MemberCodePager.forEachPage((max, last) -> {
      MemberCodesPage full = serve(max, last);
      // Toluna may send fewer codes than asked while saying there are more.
      List<String> shorter = full.memberCodes().subList(0, Math.min(3, full.memberCodes().size()));
      boolean more = !shorter.isEmpty() && !shorter.get(shorter.size() - 1).equals(codes.get(codes.size() - 1));
      return new MemberCodesPage(max, more, shorter);
    }, 10, seen::addAll);

    assertThat(seen).containsExactlyElementsOf(codes);
  }

  @Test
  void aPageThatDoesNotAdvanceStopsInsteadOfLooping() {
    assertThatThrownBy(() -> MemberCodePager.forEachPage((max, last) -> new MemberCodesPage(max, true,
        List.of("A", "B")), 2, page -> { })).hasMessageContaining("did not advance");
    assertThatThrownBy(() -> MemberCodePager.forEachPage((max, last) -> new MemberCodesPage(max, true,
        List.of()), 2, page -> { })).hasMessageContaining("no member codes");
  }
}
