package com.saascrm.billing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

/** Whichever provider is configured, the process calls it through {@link MeteredBillingProvider}. */
@Configuration(proxyBeanMethods = false)
class BillingProviderMetrics {

    // Static, and the registry looked up at the first wrap: a post-processor is built before the other beans.
    @Bean
    static BeanPostProcessor meteredBillingProvider(
            ObjectProvider<MeterRegistry> meters,
            @Value("${cancellation.billing.provider:internal}") String providerName) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof BillingProvider provider && !(bean instanceof MeteredBillingProvider)
                        ? new MeteredBillingProvider(provider, providerName, meters.getObject())
                        : bean;
            }
        };
    }
}
