package io.recontact;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RecontactApplication {

  public static void main(String[] args) {
    SpringApplication.run(RecontactApplication.class, args);
  }
}
