package fr.comitia.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The public address of Comitia ({@code comitia.public-url}; required in {@code prod}), for links read outside. */
@Component
public class PublicUrl {

  private final String base;

  PublicUrl(@Value("${comitia.public-url:http://localhost:${server.port:8080}}") String base) {
    this.base = base.replaceAll("/+$", "");
  }

  /** « https://deliberations.example.org/registre/actes/D12 » for « /registre/actes/D12 ». */
  public String of(String path) {
    return base + path;
  }
}
