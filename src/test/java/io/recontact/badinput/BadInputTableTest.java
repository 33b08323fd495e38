package io.recontact.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The "Bad input" table of docs/bad-input.md and the tests cannot drift apart: same ids, statuses and message fragments. */
class BadInputTableTest {

  static final Pattern ROW = Pattern.compile("^\\| (B\\d{2,3}) \\| .* \\| (\\d{3}) `([^`]+)` \\| [^|]+ \\|$");

  static List<BadInputRows.Row> tableRows() throws IOException {
    String page = Files.readString(Path.of("docs", "bad-input.md"));
    assertThat(page).as("docs/bad-input.md is the page \"Bad input\"").startsWith("# Bad input\n");
    List<BadInputRows.Row> rows = new ArrayList<>();
    for (String line : page.split("\n")) {
      if (line.startsWith("| B")) {
        Matcher m = ROW.matcher(line);
        assertThat(m.matches()).as("table row shape: " + line).isTrue();
        rows.add(new BadInputRows.Row(m.group(1), Integer.parseInt(m.group(2)), m.group(3)));
      }
    }
    return rows;
  }

  @Test
  void theTableHoldsExactlyTheTestedRows() throws IOException {
    List<BadInputRows.Row> rows = tableRows();
    assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
    assertThat(rows).containsExactlyElementsOf(BadInputRows.ROWS.values());
  }

  @Test
  void everyRowHasItsTest() {
    List<String> tested = Stream.of(ApiBadInputTest.class, ApiFeedBadInputTest.class, EngineRestBadInputTest.class,
        OutcomeBadInputTest.class, GovernanceBadInputTest.class, PanelImportBadInputTest.class)
        .flatMap(c -> Stream.of(c.getDeclaredMethods()))
        .filter(m -> m.isAnnotationPresent(Test.class))
        .map(Method::getName)
        .filter(name -> name.matches("b\\d{2,3}_.*"))
        .map(name -> "B" + name.substring(1, name.indexOf('_')))
        .toList();
    assertThat(tested).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(BadInputRows.ROWS.keySet());
  }
}
