package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.inbox.InboxSettings;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the durable inbox when {@code copernica.webhooks.inbox.enabled=true}: the
 * {@link InboxSettings} on the application's {@code DataSource} bean, from
 * {@link CopernicaWebhooksInboxProperties}, which the auto-configured {@link WebhookReceiver} then uses.
 * An application's own {@code InboxSettings} bean replaces it (for settings that have no property) and
 * turns the inbox on by itself. The settings wait for the application's database initializers
 * (Flyway, Liquibase, {@code spring.sql.init}), so a migration may create the inbox tables.
 */
@AutoConfiguration(before = CopernicaWebhooksAutoConfiguration.class, afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"})
@ConditionalOnWebApplication
@ConditionalOnProperty(prefix = "copernica.webhooks", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(CopernicaWebhooksInboxProperties.class)
public class CopernicaWebhooksInboxAutoConfiguration {

  /** Fails the start-up, naming what to add, when there is no DataSource to store calls in. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "copernica.webhooks.inbox", name = "enabled", havingValue = "true")
  @DependsOnDatabaseInitialization
  InboxSettings copernicaWebhookInboxSettings(
      CopernicaWebhooksInboxProperties properties, ObjectProvider<DataSource> dataSource) {
    return InboxSettingsFactory.settings(properties, dataSource.getIfUnique());
  }
}
