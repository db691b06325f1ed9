package org.govhub.common.storage;

/** What S3 says about a stored object. */
public record StoredObject(String bucket, String key, long size, String etag, String contentType) {
}
