package dev.adsgraph.dashboard;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.adsgraph.pages.HtmlPages;

/**
 * {@code adsgraph.dashboard.*}: the example dashboard served from the jar.
 *
 * @param enabled whether the page is served
 * @param path where it is served; its script, styles and Chart.js are served beneath it,
 * at {@code <path>/assets/}
 */
@Validated
@ConfigurationProperties("adsgraph.dashboard")
public record DashboardProperties(@DefaultValue("true") boolean enabled,
		@NotNull @DefaultValue("/dashboard") String path) {

	public DashboardProperties {
		if (path != null) {
			path = HtmlPages.path("adsgraph.dashboard.path", path, "/dashboard");
		}
	}

}
