/**
 * What the gateway's own web pages (GraphiQL, the dashboard) share: their scripts and
 * styles served from the classpath with content digests in their URLs
 * ({@link dev.adsgraph.pages.PageAssets}), the HTML answer with its
 * Content-Security-Policy and a settings block safe inside a script element
 * ({@link dev.adsgraph.pages.HtmlPages}), and the one rule for the API key a page may
 * fill in ({@link dev.adsgraph.pages.PageMode}).
 */
package dev.adsgraph.pages;
