package io.recontact.sandbox.cint;

import java.util.Set;
import org.springframework.context.ApplicationContext;

/** The bearer tokens the in-process Cint simulator has issued, for tests outside its package. */
public final class CintIssuedTokens {

  private CintIssuedTokens() {
  }

  public static Set<String> of(ApplicationContext context) {
    return context.getBean(CintTokens.class).issuedTokens();
  }
}
