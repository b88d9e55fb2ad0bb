package dev.adsgraph.e2e;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.adsgraph.testing.HeadlessChromium;

/**
 * What the dashboard shows, read out of the page the way a person reads it (cell texts)
 * and the way a test compares it (the raw figure each cell keeps in {@code data-value}).
 */
final class DashboardScreen {

	private final HeadlessChromium browser;

	DashboardScreen(HeadlessChromium browser) {
		this.browser = browser;
	}

	String apiKey() {
		return (String) this.browser.js("return document.getElementById('api-key').value;");
	}

	String selectedProfile() {
		return (String) this.browser.js("return document.getElementById('profile').value;");
	}

	int profileOptions() {
		return ((Number) this.browser.js("return document.getElementById('profile').options.length;")).intValue();
	}

	String status() {
		return (String) this.browser.js("return document.getElementById('status').textContent;");
	}

	/** How many answers said a report was still being prepared, for the last load. */
	int pendingAnswers() {
		Object value = this.browser.js("return document.getElementById('status').dataset.pendingAnswers || '0';");
		return Integer.parseInt(String.valueOf(value));
	}

	/** The error list's items as shown ("CODE: message"); empty while it is hidden. */
	List<String> errors() {
		return strings(this.browser.js("var list = document.getElementById('errors');"
				+ "return list.hidden ? [] : Array.from(list.children).map(function (li) { return li.textContent; });"));
	}

	List<String> asins() {
		return strings(this.browser.js("return Array.from(document.querySelectorAll('#products tbody tr'))"
				+ ".map(function (row) { return row.dataset.asin; });"));
	}

	/** The text of one cell of a product's row. */
	String text(String asin, String column) {
		return (String) this.browser.js(
				"var cell = document.querySelector('#products tr[data-asin=\"' + arguments[0]"
						+ " + '\"] td[data-column=\"' + arguments[1] + '\"]'); return cell ? cell.textContent : null;",
				asin, column);
	}

	/** The figure behind one cell, or null when the cell shows none. */
	BigDecimal value(String asin, String column) {
		Object value = this.browser.js(
				"var cell = document.querySelector('#products tr[data-asin=\"' + arguments[0]"
						+ " + '\"] td[data-column=\"' + arguments[1] + '\"]');"
						+ " return cell && cell.dataset.value !== undefined ? cell.dataset.value : null;",
				asin, column);
		return (value != null) ? new BigDecimal(value.toString()) : null;
	}

	String total(String id) {
		return (String) this.browser.js("return document.getElementById(arguments[0]).textContent;", id);
	}

	/**
	 * The Chart.js instance on the canvas: its labels and the data of each dataset, by
	 * label.
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> chart() {
		return (Map<String, Object>) this.browser
			.js("var chart = Chart.getChart(document.getElementById('chart'));" + "if (!chart) { return null; }"
					+ "var datasets = {}; chart.data.datasets.forEach(function (d) { datasets[d.label] = d.data; });"
					+ "return { type: chart.config.type, labels: chart.data.labels, datasets: datasets };");
	}

	/**
	 * Pixels of the chart's canvas that are not transparent: zero for a canvas nothing
	 * was drawn on.
	 */
	long paintedChartPixels() {
		Object count = this.browser.js("var canvas = document.getElementById('chart');"
				+ "if (canvas.width === 0 || canvas.height === 0) { return 0; }"
				+ "var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;"
				+ "var painted = 0; for (var i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { painted++; } }"
				+ "return painted;");
		return ((Number) count).longValue();
	}

	/** Sets a field as a person would and lets the page see the change. */
	void set(String id, String value) {
		this.browser.js("var field = document.getElementById(arguments[0]); field.value = arguments[1];"
				+ "field.dispatchEvent(new Event('change'));", id, value);
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object value) {
		return (value instanceof List<?> list) ? ((List<Object>) list).stream().map(String::valueOf).toList()
				: List.of();
	}

}
