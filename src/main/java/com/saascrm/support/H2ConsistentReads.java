package com.saascrm.support;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * H2 (2.3) may answer a repeated query of a session from its cache of the last result although another session has
 * committed a change since (h2database issue 3894). Two starts for one account then both found no open request:
 * the second, after waiting for the account's row lock, read the request table as it was before the first
 * committed. H2 2.4 fixes the cache, but the Flyway and Camunda versions in use support H2 up to 2.3, so the cache
 * is switched off instead, on every H2 database the application opens, whatever URL it is given.
 */
@Component
class H2ConsistentReads implements BeanPostProcessor {

    static final String NO_RESULT_CACHE = "OPTIMIZE_REUSE_RESULTS=0";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DataSourceProperties properties) {
            properties.setUrl(withoutResultCache(properties.getUrl()));
        }
        return bean;
    }

    static String withoutResultCache(String url) {
        if (url == null || !url.startsWith("jdbc:h2:") || url.toUpperCase().contains("OPTIMIZE_REUSE_RESULTS")) {
            return url;
        }
        return url + ";" + NO_RESULT_CACHE;
    }
}
