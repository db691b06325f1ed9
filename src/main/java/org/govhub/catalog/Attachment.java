package org.govhub.catalog;

/** A published file the catalogue links to: a process chart (流程图) or a form (服务表格). */
public record Attachment(String title, String url) {
}
