package io.recontact.cint.followfielding;

import io.recontact.cint.TargetGroupLive;
import io.recontact.cint.client.TargetGroupRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Registers the fielding follow-up into the shared hook {@link TargetGroupLive}: each target group a recontact
 * brings live is followed, unless {@code recontact.cint.fielding.follow} is off.
 */
@Component
class FollowWhenLive implements TargetGroupLive.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(FollowWhenLive.class);

  private final FieldingSignals signals;
  private final FieldingProperties properties;

  FollowWhenLive(FieldingSignals signals, FieldingProperties properties) {
    this.signals = signals;
    this.properties = properties;
  }

  @Override
  public void live(TargetGroupRef targetGroup, String origin) {
    if (!properties.follow()) {
      return;
    }
    FieldingSignals.Followed followed = signals.follow(targetGroup.accountId(), targetGroup.projectId(),
        targetGroup.targetGroupId(), "recontact");
    LOG.info("Target group {} is live ({}): {} {}", targetGroup.targetGroupId(), origin,
        followed.started() ? "following it in" : "already followed by", followed.processInstanceId());
  }
}
