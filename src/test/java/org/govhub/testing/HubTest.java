package org.govhub.testing;

import io.quarkus.test.common.QuarkusTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a test that runs against the hub on PostgreSQL with a real in-process S3 server, over HTTP and HTTPS. */
@QuarkusTestResource(value = S3TestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TlsTestResource.class, restrictToAnnotatedClass = false)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HubTest {
}
