package org.govhub.common.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The hub's only way to S3/MinIO: thin, typed calls over the MinIO client. */
public class ObjectStore {
    /** 16 MiB parts: a 200 MB upload streams in bounded memory. */
    static final long PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient client;

    public ObjectStore(MinioClient client) {
        this.client = client;
    }

    public void ensureBucket(String bucket) {
        call(() -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return null;
        });
    }

    public boolean bucketExists(String bucket) {
        return call(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
    }

    /** Streams the content in; size -1 means unknown (multipart, part by part). */
    public StoredObject put(String bucket, String key, InputStream content, long size, String contentType) {
        call(() -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(content, size, size >= 0 && size < PART_SIZE ? -1 : PART_SIZE)
                .contentType(contentType).build()));
        return stat(bucket, key).orElseThrow(() -> new StorageException("object vanished after upload: " + key, null));
    }

    public InputStream get(String bucket, String key) {
        return call(() -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    public InputStream getRange(String bucket, String key, long offset, long length) {
        return call(() -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key)
                .offset(offset).length(length).build()));
    }

    public Optional<StoredObject> stat(String bucket, String key) {
        try {
            StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return Optional.of(new StoredObject(bucket, key, stat.size(), stat.etag(), stat.contentType()));
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code()) || "NoSuchObject".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw new StorageException("cannot stat " + bucket + "/" + key, e);
        } catch (Exception e) {
            throw new StorageException("cannot stat " + bucket + "/" + key, e);
        }
    }

    public void remove(String bucket, String key) {
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /** Every object whose key starts with the prefix (all pages), e.g. for reconciliation. */
    public List<ListedObject> list(String bucket, String prefix) {
        return call(() -> {
            List<ListedObject> objects = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
                Item item = result.get();
                if (!item.isDir()) {
                    objects.add(new ListedObject(item.objectName(), item.size(),
                            item.lastModified() == null ? null : item.lastModified().toInstant()));
                }
            }
            return objects;
        });
    }

    private static <T> T call(MinioCall<T> call) {
        try {
            return call.run();
        } catch (StorageException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageException("object storage call failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface MinioCall<T> {
        T run() throws Exception;
    }
}
