package com.saascrm.portability;

import java.time.Instant;
import java.util.Map;

/** {@code manifest.json}: what the archive holds. Written last, when the row counts are known. */
public record ExportManifest(int formatVersion, String accountId, Instant exportedAt, Map<String, Long> rowCounts) {}
