package io.recontact.sandbox.seed;

import io.recontact.panel.PanelMember;
import io.recontact.panel.PanelMembers;
import io.recontact.sandbox.seed.TolunaSandboxData.Fit;
import io.recontact.sandbox.seed.TolunaSandboxData.MemberProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sandbox only: fills an empty member directory with members for the Toluna simulator's recontact codes, so the
 * eligibility endpoint and later flows meet every case. By code number n: n % 20 == 2 inactive, 3 opted out,
 * 4 suspended, 5 left out (unknown to us); the rest active. The simulator's profiles decide who matches the
 * targeting (n % 20 == 0 and 1 do not). Each has the e-mail address {@code <code in lower case>@panel.example}.
 */
@Component
class SandboxPanelSeed {

  static final String EMAIL_DOMAIN = "panel.example";
  private static final Logger LOG = LoggerFactory.getLogger(SandboxPanelSeed.class);

  private final ObjectProvider<PanelMembers> directory;

  SandboxPanelSeed(ObjectProvider<PanelMembers> directory) {
    this.directory = directory;
  }

  /** The standalone simulators have no member directory: nothing to seed there. */
  @EventListener(ApplicationReadyEvent.class)
  void seed() {
    PanelMembers members = directory.getIfAvailable();
    if (members == null || members.count() > 0) {
      return;
    }
    List<PanelMember> seeded = new ArrayList<>();
    for (MemberProfile profile : TolunaSandboxData.profiles()) {
      PanelMember.Status status = status(profile);
      if (status != null) {
        seeded.add(new PanelMember(profile.memberCode(), status, profile.birthDate(), profile.postalCode(),
            Map.of(PanelMember.GENDER_QUESTION, Set.of((long) profile.genderAnswerId())), email(profile)));
      }
    }
    members.upsertAll(seeded);
    LOG.info("Sandbox: seeded {} panel members for the Toluna simulator's recontact codes", seeded.size());
  }

  /** {@code ts-000123@panel.example}: every seeded member can receive e-mailed invites (the sandbox SMTP server). */
  static String email(MemberProfile profile) {
    return profile.memberCode().toLowerCase(Locale.ROOT) + "@" + EMAIL_DOMAIN;
  }

  /** Null = deliberately not in our directory. */
  static PanelMember.Status status(MemberProfile profile) {
    if (profile.fit() == Fit.NOT_ON_ANY_LIST) {
      return PanelMember.Status.ACTIVE;
    }
    int n = Integer.parseInt(profile.memberCode().replaceAll("\\D", ""));
    return switch (n % 20) {
      case 2 -> PanelMember.Status.INACTIVE;
      case 3 -> PanelMember.Status.OPTED_OUT;
      case 4 -> PanelMember.Status.SUSPENDED;
      case 5 -> null;
      default -> PanelMember.Status.ACTIVE;
    };
  }
}
