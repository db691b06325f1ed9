package org.govhub.common.storage;

import java.time.Instant;

/** One entry of a bucket listing. */
public record ListedObject(String key, long size, Instant lastModified) {
}
