package io.recontact.sandbox.partner;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's SMTP server: GreenMail on 127.0.0.1 only, accepting mail for any address without authentication and
 * keeping it in memory until {@link #clear()}. E-mailed invites land here when no {@code spring.mail.host} is set.
 */
public final class SandboxMailServer {

  static final String BIND_ADDRESS = "127.0.0.1";
  private static final Logger LOG = LoggerFactory.getLogger(SandboxMailServer.class);

  private final GreenMail greenMail;

  private SandboxMailServer(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  /** Starts on {@code port} (0 = any free port); fails with the property to change when the port is taken. */
  public static SandboxMailServer start(int port) {
    GreenMail greenMail = new GreenMail(new ServerSetup(port, BIND_ADDRESS, ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    try {
      greenMail.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException("The sandbox SMTP server could not listen on " + BIND_ADDRESS + ":" + port
          + "; set RECONTACT_SANDBOX_SMTP_PORT (recontact.sandbox.smtp.port) to a free port, or 0 for any", e);
    }
    SandboxMailServer server = new SandboxMailServer(greenMail);
    LOG.info("Sandbox: SMTP server for e-mailed invites on {}:{}", BIND_ADDRESS, server.port());
    return server;
  }

  public String host() {
    return BIND_ADDRESS;
  }

  /** The port actually bound. */
  public int port() {
    return greenMail.getSmtp().getPort();
  }

  /** Every message received since the start or the last {@link #clear()}, oldest first. */
  public List<jakarta.mail.internet.MimeMessage> received() {
    return List.of(greenMail.getReceivedMessages());
  }

  public void clear() {
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (FolderException e) {
      throw new IllegalStateException("The sandbox mailboxes could not be emptied", e);
    }
  }

  public void stop() {
    greenMail.stop();
  }

  /** The first text/plain part of a message, or null. */
  public static String plainText(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      return part.getContent().toString();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = plainText(multipart.getBodyPart(i));
        if (text != null) {
          return text;
        }
      }
    }
    return null;
  }
}
