package fr.comitia.web;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

  /** Spring Security's filter chain runs at -100: failed logins are counted around it, and Camunda's. */
  static final int FAILED_LOGIN_FILTER_ORDER = -110;

  @Bean
  FailedLoginLimiter failedLoginLimiter(Clock clock,
      @Value("${comitia.security.login-failures.max-per-address:20}") int maxFailures,
      @Value("${comitia.security.login-failures.window:PT1M}") Duration window) {
    return new FailedLoginLimiter(clock, maxFailures, window);
  }

  @Bean
  FilterRegistrationBean<FailedLoginFilter> failedLogins(FailedLoginLimiter limiter) {
    FilterRegistrationBean<FailedLoginFilter> registration = new FilterRegistrationBean<>(new FailedLoginFilter(limiter));
    registration.setName("comitia-failed-logins");
    registration.addUrlPatterns("/*");
    registration.setOrder(FAILED_LOGIN_FILTER_ORDER);
    return registration;
  }
}
