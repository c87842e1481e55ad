package com.saascrm.api;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link ApiErrorReportValve} in the place of Tomcat's error report valve. */
@Configuration
class TomcatApiErrors {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> apiErrorReportValve() {
        return new ValveInstaller();
    }

    /** Runs after Spring Boot's own customizer, which adds an ErrorReportValve of its own to hide stack traces. */
    private static final class ValveInstaller
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> install(context.getParent()));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    private static void install(Container host) {
        ApiErrorReportValve valve = new ApiErrorReportValve();
        for (Valve existing : host.getPipeline().getValves()) {
            if (existing instanceof ErrorReportValve replaced) {
                valve.setShowReport(replaced.isShowReport());
                valve.setShowServerInfo(replaced.isShowServerInfo());
                host.getPipeline().removeValve(existing);
            }
        }
        host.getPipeline().addValve(valve);
        // Otherwise the host adds a plain ErrorReportValve of its own when it starts.
        if (host instanceof StandardHost standardHost) {
            standardHost.setErrorReportValveClass(ApiErrorReportValve.class.getName());
        }
    }
}
