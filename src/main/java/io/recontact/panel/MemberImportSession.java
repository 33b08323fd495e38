package io.recontact.panel;

import io.recontact.panel.MemberImportRuns.Counts;
import io.recontact.panel.PanelMemberImport.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member import as it streams: rows are gathered into batches of {@link #BATCH} and each batch is stored in its
 * own transaction together with the import's progress row, so memory stays bounded whatever the file's size. Keeps
 * the first row of each code: a repeat in the same batch is found here, one in a later batch by the stored import
 * stamp ({@link PanelMembers#importBatch}). Logs counts only, never member codes.
 */
final class MemberImportSession implements PanelMemberImport.Rows {

  /** Rows per transaction: large enough for few round trips, small enough for short locks and little heap. */
  static final int BATCH = 1_000;
  /** Problems listed in one answer; {@code rejected} still counts them all. */
  static final int MAX_LISTED_PROBLEMS = 1_000;
  /** An INFO line every so many rows read. */
  static final int LOG_EVERY = 100_000;

  private static final Logger log = LoggerFactory.getLogger(MemberImportSession.class);

  private final PanelMembers members;
  private final MemberImportRuns runs;
  private final String importId;
  private final boolean csv;
  private final Predicate<String> erased;
  private final List<PanelMember> batch = new ArrayList<>(BATCH);
  private final List<Integer> positions = new ArrayList<>(BATCH);
  private final Map<String, Integer> inBatch = new HashMap<>(BATCH * 2);
  private final List<Problem> batchProblems = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private long rowsRead;
  private long imported;
  private long updated;
  private long rejected;
  private long nextLog = LOG_EVERY;

  MemberImportSession(PanelMembers members, MemberImportRuns runs, String format, Predicate<String> erased) {
    this.members = members;
    this.runs = runs;
    this.csv = "csv".equals(format);
    this.erased = erased;
    this.importId = runs.start(format);
    log.info("Member import {} started ({})", importId, format);
  }

  @Override
  public void member(int position, PanelMember member) {
    if (erased.test(member.memberCode())) {
      problem(position, member.memberCode(), PanelMemberImport.ERASED);
      return;
    }
    rowsRead++;
    Integer first = inBatch.putIfAbsent(member.memberCode(), position);
    if (first != null) {
      reject(position, member.memberCode(), duplicate(first));
      return;
    }
    batch.add(member);
    positions.add(position);
    if (batch.size() >= BATCH) {
      flush();
    }
  }

  @Override
  public void problem(int position, String memberCode, String reason) {
    rowsRead++;
    reject(position, memberCode, reason);
    if (batchProblems.size() >= BATCH) {
      flush();
    }
  }

  /** Stores the gathered rows and the progress in one transaction; problems are listed in body order. */
  void flush() {
    if (batch.isEmpty() && batchProblems.isEmpty()) {
      return;
    }
    Map<String, Integer> positionOf = new HashMap<>(batch.size() * 2);
    for (int i = 0; i < batch.size(); i++) {
      positionOf.put(batch.get(i).memberCode(), positions.get(i));
    }
    int parsedProblems = batchProblems.size();
    PanelMembers.ImportedBatch stored = members.importBatch(importId, batch, positions, s -> runs.progress(importId,
        new Counts(rowsRead, imported + s.inserted(), updated + s.updated(), rejected + parsedProblems
            + s.duplicates().size())));
    imported += stored.inserted();
    updated += stored.updated();
    stored.duplicates().forEach((code, first) -> reject(positionOf.get(code), code, duplicate(first)));
    rejected += batchProblems.size();
    batchProblems.sort(Comparator.comparingInt(p -> p.line() != null ? p.line() : p.element()));
    for (Problem problem : batchProblems) {
      if (problems.size() < MAX_LISTED_PROBLEMS) {
        problems.add(problem);
      }
    }
    batch.clear();
    positions.clear();
    inBatch.clear();
    batchProblems.clear();
    if (rowsRead >= nextLog) {
      nextLog = (rowsRead / LOG_EVERY + 1) * LOG_EVERY;
      log.info("Member import {}: {} rows read, {} new, {} updated, {} rejected", importId, rowsRead, imported,
          updated, rejected);
    } else {
      log.debug("Member import {}: {} rows read", importId, rowsRead);
    }
  }

  /** Stores what is left and closes the progress row: DONE, or FAILED with why the body broke off. */
  void finish(MemberImportRuns.State state, String message) {
    if (state == MemberImportRuns.State.DONE) {
      flush();
    }
    Counts counts = counts();
    runs.finish(importId, state, counts, message);
    log.info("Member import {} {}: {} rows read, {} new, {} updated, {} rejected", importId,
        state.name().toLowerCase(java.util.Locale.ROOT), counts.rowsRead(), counts.imported(), counts.updated(),
        counts.rejected());
  }

  Counts counts() {
    return new Counts(rowsRead, imported, updated, rejected);
  }

  String importId() {
    return importId;
  }

  /** The first {@link #MAX_LISTED_PROBLEMS} problems, in body order. */
  List<Problem> problems() {
    return problems;
  }

  private String duplicate(int first) {
    return "duplicate member code in this import: already on " + (csv ? "line " : "element ") + first;
  }

  private void reject(int position, String code, String reason) {
    String shown = PanelMember.shown(code);
    batchProblems.add(csv ? new Problem(position, null, shown, reason) : new Problem(null, position, shown, reason));
  }
}
