package dev.adsgraph.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.adsgraph.pages.HtmlPages;

/**
 * {@code adsgraph.dashboard.*}: the example dashboard served from the jar.
 *
 * @param enabled whether the page is served (default true)
 * @param path where it is served (default {@code /dashboard}); its script, styles and
 * Chart.js are served beneath it, at {@code <path>/assets/}
 */
@ConfigurationProperties("adsgraph.dashboard")
public record DashboardProperties(Boolean enabled, String path) {

	public DashboardProperties {
		enabled = (enabled != null) ? enabled : Boolean.TRUE;
		path = HtmlPages.path("adsgraph.dashboard.path", path, "/dashboard");
	}

}
