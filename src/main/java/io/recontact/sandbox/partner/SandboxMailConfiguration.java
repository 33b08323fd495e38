package io.recontact.sandbox.partner;

import io.recontact.sandbox.SandboxProperties;
import java.util.Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Starts the sandbox SMTP server and, unless {@code spring.mail.host} names another server, makes it the
 * application's mail sender (Spring Boot's own sender then steps back). The port is read from the running server,
 * so port 0 works.
 */
@Configuration(proxyBeanMethods = false)
class SandboxMailConfiguration {

  /** Milliseconds for connect, read and write on the loopback connection. */
  static final String TIMEOUT = "10000";

  @Bean(destroyMethod = "stop")
  SandboxMailServer sandboxMailServer(SandboxProperties properties) {
    return SandboxMailServer.start(properties.smtp().port());
  }

  @Bean
  @ConditionalOnExpression("'${spring.mail.host:}'.isBlank()")
  JavaMailSenderImpl sandboxMailSender(SandboxMailServer server) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(server.host());
    sender.setPort(server.port());
    sender.setDefaultEncoding("UTF-8");
    Properties mail = new Properties();
    mail.setProperty("mail.smtp.connectiontimeout", TIMEOUT);
    mail.setProperty("mail.smtp.timeout", TIMEOUT);
    mail.setProperty("mail.smtp.writetimeout", TIMEOUT);
    sender.setJavaMailProperties(mail);
    return sender;
  }
}
