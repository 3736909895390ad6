package fr.comitia.platform;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The trial run's mail server: a real SMTP server (GreenMail) on loopback that keeps every mail it
 * receives, readable by an administrator at {@code /api/mailbox}. Any {@code spring.mail.host}
 * switches it off and Spring Boot's own mail sender takes over.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
@EnableConfigurationProperties({EmbeddedSmtpConfiguration.EmbeddedSmtpProperties.class, MailProperties.class})
class EmbeddedSmtpConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSmtpConfiguration.class);

  @ConfigurationProperties("comitia.embedded.smtp")
  record EmbeddedSmtpProperties(Integer port) {}

  @Bean(destroyMethod = "stop")
  GreenMail embeddedSmtpServer(EmbeddedSmtpProperties properties) {
    int port = properties.port() == null ? 0 : properties.port();
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    if (port == 0) {
      setup = setup.dynamicPort();
    }
    GreenMail greenMail = new GreenMail(setup);
    greenMail.start();
    log.info(
        "Serveur SMTP embarqué sur 127.0.0.1:{} (courriels lisibles par l'administrateur sur /api/mailbox)",
        greenMail.getSmtp().getPort());
    return greenMail;
  }

  @Bean
  JavaMailSenderImpl mailSender(GreenMail embeddedSmtpServer, MailProperties mail) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(embeddedSmtpServer.getSmtp().getPort());
    sender.setDefaultEncoding("UTF-8");
    Properties props = sender.getJavaMailProperties();
    // The timeouts of spring.mail.properties (config/application.yml), as for an external server.
    props.putAll(mail.getProperties());
    return sender;
  }
}
