package org.govhub.common.storage;

/** Object storage could not do what was asked; the problem mapper reports it as 503 when S3 is unreachable. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
