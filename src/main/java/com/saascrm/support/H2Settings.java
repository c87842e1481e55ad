package com.saascrm.support;

import java.util.Locale;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Two H2 settings that the application needs on every H2 database it opens, whatever URL it is given (a URL that
 * names a setting itself keeps its own):
 * <ul>
 *   <li>{@value #NO_RESULT_CACHE}: H2 (2.3) may answer a repeated query of a session from its cache of the last
 *       result although another session has committed a change since (h2database issue 3894). Two starts for one
 *       account then both found no open request: the second, after waiting for the account's row lock, read the
 *       request table as it was before the first committed. H2 2.4 fixes the cache, but the Flyway and Camunda
 *       versions in use support H2 up to 2.3, so the cache is switched off instead.
 *   <li>{@value #COMMITS_WRITTEN_AT_ONCE}, on a file database: H2 writes committed changes to its file up to half a
 *       second later by default, so a process killed with {@code kill -9} lost wizard steps that Tasklist had already
 *       confirmed (ApplicationKilledOnFileDatabaseIT). Written at each commit, they survive the process; a machine
 *       that loses power may still lose the last ones (H2 does not wait for the disk), which is why production runs
 *       on PostgreSQL.
 * </ul>
 */
@Component
class H2Settings implements BeanPostProcessor {

    static final String NO_RESULT_CACHE = "OPTIMIZE_REUSE_RESULTS=0";
    static final String COMMITS_WRITTEN_AT_ONCE = "WRITE_DELAY=0";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DataSourceProperties properties) {
            properties.setUrl(withSettings(properties.getUrl()));
        }
        return bean;
    }

    static String withSettings(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return url;
        }
        String withSettings = withSetting(url, NO_RESULT_CACHE);
        return url.startsWith("jdbc:h2:file:") ? withSetting(withSettings, COMMITS_WRITTEN_AT_ONCE) : withSettings;
    }

    private static String withSetting(String url, String setting) {
        String name = setting.substring(0, setting.indexOf('=') + 1);
        return url.toUpperCase(Locale.ROOT).contains(";" + name) ? url : url + ";" + setting;
    }
}
