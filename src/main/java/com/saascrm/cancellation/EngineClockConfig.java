package com.saascrm.cancellation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The domain tells time by the process engine's clock, so that timers and the dates the domain writes agree, and
 * a test that moves the engine's clock ({@link ClockUtil}) moves the domain's too.
 */
@Configuration
class EngineClockConfig {

    @Bean
    Clock clock() {
        return new EngineClock();
    }

    private static final class EngineClock extends Clock {

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("The engine clock is always UTC");
        }

        @Override
        public Instant instant() {
            return ClockUtil.getCurrentTime().toInstant();
        }
    }
}
