package io.recontact.toluna.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.panel.PanelMember;
import io.recontact.panel.PanelMembers;
import io.recontact.sandbox.partner.SandboxMailServer;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The e-mail channel as configured by name, through the sandbox's real SMTP server (GreenMail on 127.0.0.1). A context
 * of its own, so its engine gets a name of its own: Camunda keeps engines by name in a static registry, and engine
 * REST of the shared test context must not find this one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"recontact.toluna.delivery.channel=email", "camunda.bpm.process-engine-name=emailtest"})
@ActiveProfiles("test")
class EmailDeliveryTest {

  static final long QUOTA = 4100002L;

  @Autowired
  InviteOutbox outbox;

  @Autowired
  PanelMembers members;

  @Autowired
  SandboxMailServer smtp;

  @Autowired
  DeliveryProperties properties;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  PlatformTransactionManager transactions;

  @Autowired
  TestRestTemplate http;

  final String panel = Invites.panel();
  final String p = "E" + UUID.randomUUID().toString().substring(0, 8) + "-";

  @Test
  void mailsTheInviteLinkToTheMembersAddress() throws Exception {
    members.upsertAll(List.of(new PanelMember(p + "1", PanelMember.Status.ACTIVE, null, null, null,
        p + "1@Panel.Example")));
    String id = Invites.store(jdbc, transactions, outbox, panel, QUOTA, p + "1");
    assertThat(Invites.delivery(jdbc, id).get("CHANNEL")).isEqualTo("EMAIL");

    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true)).isEqualTo(new DeliveryRound(1, 0, 0, 0, null));

    MimeMessage mail = mailsTo(p + "1@panel.example").get(0);
    assertThat(mail.getSubject()).isEqualTo("Your next survey is waiting");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("invites@recontact.invalid");
    assertThat(mail.getMessageID()).isEqualTo("<invite-" + id + "@recontact.invalid>");
    String text = SandboxMailServer.plainText(mail);
    assertThat(text).contains(Invites.url(id)).contains("about 12 minutes, reward 1.50");
    assertThat(Invites.delivery(jdbc, id).get("STATE")).isEqualTo("DELIVERED");
    assertThat(Invites.member(jdbc, panel, QUOTA, p + "1").get("STATE")).isEqualTo("DELIVERED");

    JsonNode listed = http.getForObject("/sandbox/partner/mails?limit=10000", JsonNode.class);
    JsonNode entry = StreamSupport.stream(listed.get("mails").spliterator(), false)
        .filter(m -> m.get("messageId").asText().contains(id)).findFirst().orElseThrow();
    assertThat(entry.get("to").get(0).asText()).isEqualTo(p + "1@panel.example");
    assertThat(entry.get("firstLines").toString()).contains(Invites.url(id));
  }

  @Test
  void aMemberWithoutAddressFailsAtOnce() {
    members.upsertAll(List.of(new PanelMember(p + "2", PanelMember.Status.ACTIVE, null, null, null)));
    String noAddress = Invites.store(jdbc, transactions, outbox, panel, QUOTA, p + "2");
    String unknown = Invites.store(jdbc, transactions, outbox, panel, QUOTA, p + "not-in-directory");

    DeliveryRound round = outbox.deliverDue(panel, QUOTA, 10, () -> true);

    assertThat(round).isEqualTo(new DeliveryRound(0, 2, 0, 0, null));
    for (String id : List.of(noAddress, unknown)) {
      Map<String, Object> row = Invites.delivery(jdbc, id);
      assertThat(row.get("STATE")).isEqualTo("FAILED");
      assertThat(row.get("ATTEMPTS")).isEqualTo(1);
      assertThat(row.get("LAST_ERROR")).isEqualTo("no e-mail address");
    }
    assertThat(Invites.member(jdbc, panel, QUOTA, p + "2").get("STATE")).isEqualTo("DELIVERY_FAILED");
  }

  @Test
  void aResendAfterALostMarkCarriesTheSameMessageId() throws Exception {
    members.upsertAll(List.of(new PanelMember(p + "3", PanelMember.Status.ACTIVE, null, null, null,
        p + "3@panel.example")));
    String id = Invites.store(jdbc, transactions, outbox, panel, QUOTA, p + "3");
    outbox.deliverDue(panel, QUOTA, 10, () -> true);

    Invites.loseTheMark(jdbc, id, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1));
    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true).delivered()).isEqualTo(1);

    List<MimeMessage> mails = mailsTo(p + "3@panel.example");
    assertThat(mails).hasSize(2);
    assertThat(mails.get(0).getMessageID()).isEqualTo(mails.get(1).getMessageID())
        .isEqualTo("<invite-" + id + "@recontact.invalid>");
  }

  @Test
  void smtpFailuresAreWorthAnotherAttempt() throws Exception {
    JavaMailSenderImpl nowhere = new JavaMailSenderImpl();
    nowhere.setHost("127.0.0.1");
    try (ServerSocket socket = new ServerSocket(0)) {
      nowhere.setPort(socket.getLocalPort());
    }
    StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("mailSender", nowhere));
    EmailChannel channel = new EmailChannel(properties, beans.getBeanProvider(JavaMailSender.class));
    InviteMessage message = new InviteMessage("i-1", panel, p + "4", p + "4@panel.example", 1L, null, QUOTA,
        "https://example.invalid/x", null, null, null, null);

    assertThatThrownBy(() -> channel.deliver(message)).isInstanceOfSatisfying(DeliveryException.class, e -> {
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).startsWith("SMTP: ");
    });
    assertThat(properties.maxAttempts()).isEqualTo(5);
    assertThat(properties.backoff()).isEqualTo(Duration.ofSeconds(30));
  }

  private List<MimeMessage> mailsTo(String address) throws Exception {
    List<MimeMessage> found = new java.util.ArrayList<>();
    for (MimeMessage m : smtp.received()) {
      if (m.getAllRecipients() != null && m.getAllRecipients()[0].toString().equals(address)) {
        found.add(m);
      }
    }
    return found;
  }
}
