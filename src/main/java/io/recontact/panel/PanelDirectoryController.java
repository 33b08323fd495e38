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

  private final PanelMembers members;

  PanelDirectoryController(PanelMembers members) {
    this.members = members;
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
