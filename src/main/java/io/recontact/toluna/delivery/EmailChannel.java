package io.recontact.toluna.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * E-mails each invite to the member's address (plain text and HTML) through the application's JavaMailSender:
 * {@code spring.mail.*}, or the sandbox's SMTP server. The Message-ID derives from the invite id, so a resend after
 * a crash is recognisable as the same message. A member without an address fails at once; SMTP errors are tried
 * again later.
 */
@Component
public class EmailChannel implements InviteChannel {

  private final DeliveryProperties.Email config;
  private final ObjectProvider<JavaMailSender> sender;

  public EmailChannel(DeliveryProperties properties, ObjectProvider<JavaMailSender> sender) {
    this.config = properties.email();
    this.sender = sender;
  }

  @Override
  public DeliveryProperties.Channel kind() {
    return DeliveryProperties.Channel.EMAIL;
  }

  @Override
  public void deliver(InviteMessage message) throws DeliveryException {
    if (message.email() == null || message.email().isBlank()) {
      throw DeliveryException.permanent("no e-mail address");
    }
    JavaMailSender mail = sender.getIfAvailable();
    if (mail == null) {
      throw DeliveryException.retryLater("no SMTP server: set SPRING_MAIL_HOST (spring.mail.*)", null);
    }
    MimeMessage mime = mail.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
      helper.setFrom(config.from());
      helper.setTo(message.email());
      helper.setSubject(subject(message));
      helper.setText(text(message), html(message));
      // JavaMailSenderImpl keeps an explicit Message-ID when it saves the message.
      mime.setHeader("Message-ID", messageId(message.inviteId()));
    } catch (MessagingException e) {
      throw DeliveryException.permanent("the e-mail could not be built: " + e.getMessage());
    }
    try {
      mail.send(mime);
    } catch (MailException e) {
      throw DeliveryException.retryLater("SMTP: " + e.getMessage(), e);
    }
  }

  /** {@code <invite-<inviteId>@<domain of from>>}: the same for every send of one invite. */
  String messageId(String inviteId) {
    int at = config.from().lastIndexOf('@');
    String domain = at < 0 ? "recontact.invalid" : config.from().substring(at + 1).replaceAll("[<>\\s]", "");
    return "<invite-" + inviteId + "@" + domain + ">";
  }

  String subject(InviteMessage m) {
    return config.subject()
        .replace("{surveyId}", Long.toString(m.surveyId()))
        .replace("{loi}", m.loi() == null ? "" : m.loi().toString())
        .replace("{memberAmount}", amount(m.memberAmount()))
        .replace("{memberCode}", m.memberCode());
  }

  static String text(InviteMessage m) {
    return "Hello,\n\n"
        + "a new survey is waiting for you" + details(m) + ".\n\n"
        + "Take part here:\n" + m.url() + "\n\n"
        + "The link is personal: please do not forward it.\n"
        + "Member " + m.memberCode() + "\n";
  }

  static String html(InviteMessage m) {
    String url = HtmlUtils.htmlEscape(m.url());
    return "<html><body><p>Hello,</p>"
        + "<p>a new survey is waiting for you" + HtmlUtils.htmlEscape(details(m)) + ".</p>"
        + "<p><a href=\"" + url + "\">Take part in the survey</a></p>"
        + "<p>The link is personal: please do not forward it.<br>Member " + HtmlUtils.htmlEscape(m.memberCode())
        + "</p></body></html>";
  }

  private static String details(InviteMessage m) {
    String loi = m.loi() == null ? null : "about " + m.loi() + " minutes";
    String reward = m.memberAmount() == null ? null : "reward " + amount(m.memberAmount());
    if (loi == null && reward == null) {
      return "";
    }
    return " (" + (loi == null ? reward : reward == null ? loi : loi + ", " + reward) + ")";
  }

  private static String amount(Double amount) {
    return amount == null ? "" : String.format(Locale.ROOT, "%.2f", amount);
  }
}
