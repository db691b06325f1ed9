package org.govhub.common.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioAsyncClient;
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
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The hub's only way to S3/MinIO: thin, typed calls over the MinIO client. */
public class ObjectStore {
    /** 16 MiB parts: a 200 MB upload streams in bounded memory. */
    static final long PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient client;
    private final MinioAsyncClient async;

    public ObjectStore(MinioClient client) {
        this(client, null);
    }

    /** With an asynchronous client as well, {@link #startRange} sends its request without waiting for the answer. */
    public ObjectStore(MinioClient client, MinioAsyncClient async) {
        this.client = client;
        this.async = async;
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

    /**
     * Sends a ranged GET and returns at once: the stream waits for S3's answer on its first read. Lets a caller
     * overlap the S3 round trip with its own work (the licence download audits and commits meanwhile). Closing
     * the stream before reading releases the S3 answer whenever it arrives.
     */
    public InputStream startRange(String bucket, String key, long offset, long length) {
        if (async == null) {
            return getRange(bucket, key, offset, length);
        }
        CompletableFuture<GetObjectResponse> answer = call(() -> async.getObject(GetObjectArgs.builder().bucket(bucket)
                .object(key).offset(offset).length(length).build()));
        return new PendingObject(answer, bucket + "/" + key);
    }

    /** The stream of an S3 answer that may still be on its way. */
    private static final class PendingObject extends InputStream {
        private final CompletableFuture<GetObjectResponse> answer;
        private final String name;
        private InputStream stream;
        private boolean closed;

        PendingObject(CompletableFuture<GetObjectResponse> answer, String name) {
            this.answer = answer;
            this.name = name;
        }

        private InputStream stream() throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (stream == null) {
                try {
                    stream = answer.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + name, e);
                } catch (ExecutionException | CompletionException e) {
                    throw new StorageException("object storage call failed for " + name + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
            return stream;
        }

        @Override
        public int read() throws IOException {
            return stream().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return stream().read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            return stream().skip(n);
        }

        @Override
        public int available() throws IOException {
            return stream == null ? 0 : stream.available();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (stream != null) {
                stream.close();
            } else {
                answer.whenComplete((response, failure) -> {
                    if (response != null) {
                        try {
                            response.close();
                        } catch (IOException ignored) {
                            // nothing was read from it; the connection is simply not reused
                        }
                    }
                });
            }
        }
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
