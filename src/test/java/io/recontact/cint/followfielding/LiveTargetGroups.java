package io.recontact.cint.followfielding;

import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintModel;
import io.recontact.cint.client.TargetGroupRef;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A live recontact target group at the simulator, made through the real client (draft, upload, launch). */
public record LiveTargetGroups(CintClient cint) {

  static final String PROJECT = CintRecontactIntegrationTest.PROJECT;

  public TargetGroupRef live(int goal) {
    CintModel.DraftTargetGroupRequest draft = new CintModel.DraftTargetGroupRequest("Webhook wave", "3337",
        "eng_us", false, "recontact", "other", "b551326b-ac9d-4d32-8823-4f025787dab9", null,
        new CintModel.FieldingSpecification(Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS),
            Instant.now().plus(9, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS)), goal, 10,
        new java.math.BigDecimal("0.9"), new CintModel.Exclusion(false), "https://s.example.com/?r=[%RECONTACT_RSID%]",
        "https://s.example.com/?r=[%RECONTACT_RSID%]", new com.fasterxml.jackson.databind.ObjectMapper()
            .createObjectNode(), null,
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("template_id",
            CintModel.RECONTACT_ALLOCATIONS_TEMPLATE_ID), "wh-" + UUID.randomUUID(), null, null);
    String id = cint.createDraftTargetGroup(101, PROJECT, draft);
    TargetGroupRef tg = new TargetGroupRef(101, PROJECT, id);
    String ids = IntStream.range(0, goal + 2).mapToObj(i -> UUID.randomUUID().toString())
        .collect(Collectors.joining("\n"));
    String upload = cint.createUploadJob(tg, CintModel.EntityType.RSID, "ids.csv", ids.getBytes());
    CintFollowFieldingIntegrationTest.await(() -> cint.getUploadJob(tg, upload).isDone(), Duration.ofSeconds(20));
    String launch = cint.createLaunchJob(tg, UUID.randomUUID().toString(), Instant.now().plus(8, ChronoUnit.DAYS));
    CintFollowFieldingIntegrationTest.await(() -> cint.getLaunchJob(tg, launch).isDone(), Duration.ofSeconds(20));
    return tg;
  }

}
