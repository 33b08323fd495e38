package io.recontact.sandbox;

import io.recontact.config.ApproverIdentitySetup;
import io.recontact.config.MonitoringIdentitySetup;
import io.recontact.config.OperatorIdentitySetup;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The sandbox's users, password = user id, one in each workflow group. The groups and their grants belong to the
 * identity setups in {@code config}, which run in every profile while the engine is built; these users are added
 * once all beans (so the engine) exist and before the web server starts. The standalone simulators have no engine:
 * nothing to do there. Idempotent across restarts.
 */
@Component
class SandboxUsers implements SmartInitializingSingleton {

  record SandboxUser(String id, String lastName, String group) {
  }

  static final List<SandboxUser> USERS = List.of(
      new SandboxUser("approver", "Approver", ApproverIdentitySetup.APPROVERS_GROUP),
      new SandboxUser("operator", "Operator", OperatorIdentitySetup.OPERATORS_GROUP),
      new SandboxUser("monitor", "Monitor", MonitoringIdentitySetup.MONITORING_GROUP));

  private final ObjectProvider<IdentityService> identity;

  SandboxUsers(ObjectProvider<IdentityService> identity) {
    this.identity = identity;
  }

  @Override
  public void afterSingletonsInstantiated() {
    identity.ifAvailable(service -> USERS.forEach(user -> ensure(service, user)));
  }

  private static void ensure(IdentityService identity, SandboxUser wanted) {
    if (identity.createUserQuery().userId(wanted.id()).count() == 0) {
      User user = identity.newUser(wanted.id());
      user.setFirstName("Sandbox");
      user.setLastName(wanted.lastName());
      user.setPassword(wanted.id());
      identity.saveUser(user);
      identity.createMembership(wanted.id(), wanted.group());
    }
  }
}
