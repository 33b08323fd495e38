package io.recontact.panel;

import io.recontact.engine.Text;
import io.recontact.web.ApiTags;
import io.recontact.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading the member directory: {@code GET /api/panel/members/{memberCode}} and {@code GET /api/panel/members}
 * (pages in member code order). It holds e-mail addresses and birth dates, so only operators and admins may read it
 * (io.recontact.config.ApiRoles).
 */
@RestController
@Tag(name = ApiTags.PANEL_MEMBERS)
@RequestMapping("/api/panel/members")
class PanelDirectoryController {

  static final int MAX_SIZE = 100;
  static final int DEFAULT_SIZE = 20;

  /** One member as imported; {@code answers} maps QuestionID to AnswerIDs. */
  record MemberView(String memberCode, PanelMember.Status status, LocalDate birthDate, String postalCode,
      String email, Map<Long, Set<Long>> answers) {

    static MemberView of(PanelMember member) {
      return new MemberView(member.memberCode(), member.status(), member.birthDate(), member.postalCode(),
          member.email(), member.answers());
    }
  }

  record MemberPage(int page, int size, long total, List<MemberView> items) {
  }

  /** A member's incentive ledger: its entries, oldest first, and its balance (1/100 currency units). */
  record IncentivesView(String memberCode, Incentives.Balance balance, List<Incentives.Entry> entries) {
  }

  private final PanelMembers members;
  private final Incentives incentives;

  PanelDirectoryController(PanelMembers members, Incentives incentives) {
    this.members = members;
    this.incentives = incentives;
  }

  @GetMapping("/{memberCode}/incentives")
  @Operation(summary = "A member's incentive ledger: credits by invite outcome (pending, cancelled, settled), "
      + "claw-backs, reversals under review, payouts and the balance")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IncentivesView.class)))
  ResponseEntity<?> incentives(@PathVariable String memberCode) {
    String code = memberCode.strip();
    List<Incentives.Entry> entries = incentives.entries(code);
    if (entries.isEmpty() && members.find(code).isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "No panel member and no incentive "
          + "with the code '" + Text.abbreviate(memberCode, QueryParameters.QUOTE + 1) + "'"));
    }
    return ResponseEntity.ok(new IncentivesView(code, Incentives.balance(entries), entries));
  }

  @GetMapping("/{memberCode}")
  @Operation(summary = "One member of our panel's directory as imported")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MemberView.class)))
  ResponseEntity<?> member(@PathVariable String memberCode) {
    return members.find(memberCode.strip()).<ResponseEntity<?>>map(m -> ResponseEntity.ok(MemberView.of(m)))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message",
            "No panel member with the code '" + Text.abbreviate(memberCode, QueryParameters.QUOTE + 1)
                + "'")));
  }

  @GetMapping
  @Operation(summary = "The member directory in member-code order (page from 0, size 1-100)")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MemberPage.class)))
  ResponseEntity<?> page(@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
    List<String> problems = new ArrayList<>();
    int pageNo = QueryParameters.number("page", page, 0, 0, Integer.MAX_VALUE / MAX_SIZE, problems);
    int pageSize = QueryParameters.number("size", size, DEFAULT_SIZE, 1, MAX_SIZE, problems);
    if (!problems.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("message", "The list was not read: fix these problems",
          "problems", problems));
    }
    List<MemberView> items = members.page((long) pageNo * pageSize, pageSize).stream().map(MemberView::of).toList();
    return ResponseEntity.ok(new MemberPage(pageNo, pageSize, members.count(), items));
  }
}
