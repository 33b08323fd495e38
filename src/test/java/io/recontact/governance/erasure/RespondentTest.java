package io.recontact.governance.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The identifier's forms: normalised, hashed, tombstoned, masked in text of any letter case. */
class RespondentTest {

  static final String RSID = "F1CE179A-0B2C-4D5E-8F90-A1B2C3D4E5F6";
  static final String EXPECTED_HASH = "85eaeaa0449cfc4466fa3e04474ce16cbb53e0373da662f76545459754e034d3";

  @Test
  void anRsidIsAUuidComparedInLowerCase() {
    Respondent r = Respondent.of(" CINT ", RSID);
    assertThat(r.id()).isEqualTo(RSID.toLowerCase());
    // sha256("cint:f1ce179a-0b2c-4d5e-8f90-a1b2c3d4e5f6"), as `printf %s … | sha256sum` computes it
    assertThat(r.hash()).isEqualTo(EXPECTED_HASH);
    assertThat(r.hash()).isNotEqualTo(Respondent.hash("toluna", RSID.toLowerCase()));
    assertThat(r.mask()).isEqualTo("00000000-0000-0000-0000-000000000000");
    assertThat(r.toString()).doesNotContain(r.id()).startsWith("cint respondent ");
  }

  @Test
  void aMemberCodeIsComparedAsGiven() {
    Respondent r = Respondent.of("toluna", " Ab_c-1 ");
    assertThat(r.id()).isEqualTo("Ab_c-1");
    assertThat(r.tombstone()).isEqualTo("erased:" + r.hash());
    assertThat(r.mask()).isEqualTo("00_0-0");
    assertThat(r.maskIn("codes: ab_c-1, AB_C-1; abXc-1")).isEqualTo("codes: 00_0-0, 00_0-0; abXc-1");
    assertThat(r.foundIn("x AB_C-1 y")).isTrue();
    assertThat(r.foundIn("abXc-1")).as("_ is no wildcard").isFalse();
    assertThat(r.likePattern()).isEqualTo("%ab!_c-1%");
  }

  @Test
  void badIdentifiersAreRefusedWithoutEchoingThem() {
    assertThatThrownBy(() -> Respondent.of("email", "x@example.org")).hasMessageContaining("[cint, toluna]")
        .hasMessageNotContaining("x@example.org");
    assertThatThrownBy(() -> Respondent.of("toluna", " ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> Respondent.of("cint", "not-a-uuid")).hasMessageContaining("is a UUID")
        .hasMessageNotContaining("not-a-uuid");
    assertThatThrownBy(() -> Respondent.of("toluna", "M".repeat(257))).hasMessageContaining("1 to 256");
    assertThatThrownBy(() -> Respondent.of("toluna", "a\u0000b")).hasMessageContaining("control");
  }
}
