package org.govhub.cases;

import java.util.List;

/** A page of the change feed; pass {@code nextCursor} as {@code after} to continue. */
public record FeedPage(List<FeedEntry> entries, long nextCursor, boolean hasMore) {
}
