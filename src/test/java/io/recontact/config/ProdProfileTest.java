package io.recontact.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recontact.RecontactApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Production refuses to start half-configured, and never with the sandbox's users or simulators. */
class ProdProfileTest {

  @Test
  void missingEnvironmentStopsStartupNamingEveryVariable() {
    assertThatThrownBy(() -> start("--spring.profiles.active=prod"))
        .hasMessageContaining("RECONTACT_ADMIN_USER")
        .hasMessageContaining("RECONTACT_ADMIN_PASSWORD")
        .hasMessageContaining("RECONTACT_CINT_CLIENT_SECRET")
        .hasMessageContaining("RECONTACT_TOLUNA_API_AUTH_KEY")
        .hasMessageContaining("RECONTACT_TOLUNA_NOTIFICATIONS_TOKEN")
        .hasMessageContaining("RECONTACT_TOLUNA_DELIVERY_WEBHOOK_URL")
        .hasMessageContaining("RECONTACT_TOLUNA_DELIVERY_WEBHOOK_SECRET")
        .hasMessageContaining("docs/configuration.md");
  }

  @Test
  void emailedInvitesNeedAnSmtpServerInsteadOfAWebhook() {
    assertThatThrownBy(() -> start("--spring.profiles.active=prod", "--recontact.toluna.delivery.channel=email"))
        .hasMessageContaining("SPRING_MAIL_HOST")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("RECONTACT_TOLUNA_DELIVERY_WEBHOOK_URL"));
  }

  @Test
  void sandboxCannotBeSwitchedOnInProd() {
    assertThatThrownBy(() -> start("--spring.profiles.active=prod", "--recontact.sandbox.enabled=true",
        "--camunda.bpm.admin-user.id=ops", "--camunda.bpm.admin-user.password=s3cret",
        "--recontact.cint.base-url=https://cint.invalid/v1", "--recontact.cint.token-url=https://auth.invalid/t",
        "--recontact.cint.client-id=id", "--recontact.cint.client-secret=secret",
        "--recontact.toluna.base-url=https://toluna.invalid", "--recontact.toluna.api-auth-key=k",
        "--recontact.toluna.panel-guids=5B1E3C2A-7D4F-4E8B-9A61-2C3D4E5F6A01",
        "--recontact.toluna.notifications.token=n",
        "--recontact.toluna.delivery.webhook.url=https://panel.invalid/invites",
        "--recontact.toluna.delivery.webhook.secret=s3cret",
        "--recontact.toluna.incentives.payout.url=https://panel.invalid/rewards",
        "--recontact.toluna.incentives.payout.secret=p4yout"))
        .hasMessageContaining("sandbox");
  }

  @Test
  void configuredProdStartsWithoutDemoUsersOrSimulator() {
    try (ConfigurableApplicationContext context = start("--spring.profiles.active=prod,test",
        "--camunda.bpm.admin-user.id=ops", "--camunda.bpm.admin-user.password=s3cret",
        "--recontact.cint.base-url=https://cint.invalid/v1", "--recontact.cint.token-url=https://auth.invalid/t",
        "--recontact.cint.client-id=id", "--recontact.cint.client-secret=secret",
        "--recontact.toluna.base-url=https://toluna.invalid", "--recontact.toluna.api-auth-key=k",
        "--recontact.toluna.panel-guids=5B1E3C2A-7D4F-4E8B-9A61-2C3D4E5F6A01",
        "--recontact.toluna.notifications.token=n",
        "--recontact.toluna.delivery.webhook.url=https://panel.invalid/invites",
        "--recontact.toluna.delivery.webhook.secret=s3cret",
        "--recontact.toluna.incentives.payout.url=https://panel.invalid/rewards",
        "--recontact.toluna.incentives.payout.secret=p4yout",
        "--camunda.bpm.job-execution.enabled=false")) {
      var identity = context.getBean(org.camunda.bpm.engine.IdentityService.class);
      assertThat(identity.createUserQuery().userId("ops").count()).isEqualTo(1);
      assertThat(identity.createUserQuery().userId("demo").count()).isZero();
      assertThat(identity.createUserQuery().userId("approver").count()).isZero();
      assertThat(identity.createGroupQuery().groupId(ApproverIdentitySetup.APPROVERS_GROUP).count()).isEqualTo(1);
      assertThat(identity.createUserQuery().userId("operator").count()).isZero();
      assertThat(identity.createGroupQuery().groupId(OperatorIdentitySetup.OPERATORS_GROUP).count()).isEqualTo(1);
      assertThat(identity.createUserQuery().userId("monitor").count()).isZero();
      assertThat(identity.createGroupQuery().groupId(MonitoringIdentitySetup.MONITORING_GROUP).count()).isEqualTo(1);
      assertThat(context.getBean(org.camunda.bpm.engine.AuthorizationService.class).createAuthorizationQuery()
          .groupIdIn(OperatorIdentitySetup.OPERATORS_GROUP).count()).as("operators' grants exist in prod too")
          .isGreaterThan(3);
      assertThat(context.getEnvironment().getProperty("recontact.sandbox.enabled")).isEqualTo("false");
      assertThat(context.getBeanNamesForType(io.recontact.sandbox.SandboxProperties.class)).isNotEmpty();
      assertThat(java.util.Arrays.stream(context.getBeanDefinitionNames())
          .map(context::getType).filter(java.util.Objects::nonNull).map(Class::getName))
          .noneMatch(type -> type.startsWith("io.recontact.sandbox.cint"));
      assertThat(context.getBeanNamesForType(io.recontact.toluna.delivery.BuiltInReceiver.class)).isEmpty();
      assertThat(context.getBean(io.recontact.toluna.delivery.DeliveryProperties.class).webhook().toString())
          .doesNotContain("s3cret");
    }
  }

  private static ConfigurableApplicationContext start(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--server.port=0";
    // Not "default": see PostgresBootTest.
    all[args.length + 1] = "--camunda.bpm.process-engine-name=prodtest";
    return new SpringApplicationBuilder(RecontactApplication.class).run(all);
  }
}
