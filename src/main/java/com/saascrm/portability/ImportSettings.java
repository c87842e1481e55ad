package com.saascrm.portability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxArchiveBytes      the largest import archive taken, as sent
 * @param maxUncompressedBytes the most its files may hold together once unpacked
 */
@ConfigurationProperties("cancellation.import")
public record ImportSettings(
        @DefaultValue("52428800") long maxArchiveBytes,
        @DefaultValue("268435456") long maxUncompressedBytes) {}
