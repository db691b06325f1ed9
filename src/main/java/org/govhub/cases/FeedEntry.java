package org.govhub.cases;

import java.time.Instant;

/**
 * One stored version in the change feed, at its position. The record is served exactly as stored,
 * ID numbers included: the feed is the replication channel to the next tier, which must hold the
 * same bytes (and content digest) the platform pushed.
 */
public record FeedEntry(long position, String caseNo, long dataVersion, String itemCode, String regionCode,
        Instant receivedAt, String sourceClient, String contentSm3, RawJson record, RawJson origin) {
}
