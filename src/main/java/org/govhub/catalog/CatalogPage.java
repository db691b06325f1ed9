package org.govhub.catalog;

import java.util.List;

/** One page of a list answer; {@code page} counts from 1. */
public record CatalogPage<T>(int page, int size, long total, List<T> items) {
}
