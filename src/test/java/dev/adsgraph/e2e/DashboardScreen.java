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

	/** The campaign rows' ids, in the order shown. */
	List<String> campaignIds() {
		return strings(
				this.browser.js("return Array.from(document.querySelectorAll('#campaigns > tbody > tr.campaign'))"
						+ ".map(function (row) { return row.dataset.campaignId; });"));
	}

	/**
	 * One campaign's row as shown: each column's text, and its figure under
	 * "column.value".
	 */
	Map<String, Object> campaign(String campaignId) {
		return row(
				"document.querySelector('#campaigns > tbody > tr.campaign[data-campaign-id=\"' + arguments[0] + '\"]')",
				campaignId);
	}

	/** Opens (or closes) a campaign's row, as a click on its name does. */
	void toggleCampaign(String campaignId) {
		this.browser.js("document.querySelector('#campaigns tr.campaign[data-campaign-id=\"' + arguments[0]"
				+ " + '\"] button.toggle').click();", campaignId);
	}

	/**
	 * The ad groups shown under an opened campaign, as rows; empty while it is loading.
	 */
	List<Map<String, Object>> adGroups(String campaignId) {
		return rows(
				"var row = document.querySelector('#campaigns tr.campaign[data-campaign-id=\"' + arguments[0] + '\"]');"
						+ "var detail = row && row.nextElementSibling;"
						+ "var rows = detail && detail.classList.contains('detail') && !detail.hidden"
						+ " ? detail.querySelectorAll('table.ad-groups > tbody > tr.ad-group') : [];",
				campaignId);
	}

	/** What an opened campaign says besides its ad groups (loading, none, errors). */
	String campaignDetail(String campaignId) {
		return (String) this.browser.js(
				"var row = document.querySelector('#campaigns tr.campaign[data-campaign-id=\"' + arguments[0] + '\"]');"
						+ "var detail = row && row.nextElementSibling;"
						+ "return detail && detail.classList.contains('detail') ? detail.textContent : null;",
				campaignId);
	}

	void toggleAdGroup(String adGroupId) {
		this.browser.js("document.querySelector('#campaigns tr.ad-group[data-ad-group-id=\"' + arguments[0]"
				+ " + '\"] button.toggle').click();", adGroupId);
	}

	/** The ads shown under an opened ad group, each beside its product, as rows. */
	List<Map<String, Object>> ads(String adGroupId) {
		return rows(
				"var row = document.querySelector('#campaigns tr.ad-group[data-ad-group-id=\"' + arguments[0] + '\"]');"
						+ "var detail = row && row.nextElementSibling;"
						+ "var rows = detail && detail.classList.contains('detail') && !detail.hidden"
						+ " ? detail.querySelectorAll('table.ads > tbody > tr.ad') : [];",
				adGroupId);
	}

	/**
	 * The alert rows in the order shown, each column's text and its value under
	 * "column.value".
	 */
	List<Map<String, Object>> alerts() {
		return rows("var rows = document.getElementById('alerts-panel').hidden ? []"
				+ " : document.querySelectorAll('#alerts > tbody > tr');");
	}

	/**
	 * The ads affected an alert lists: each one's text as shown ("Campaign name · ad 123:
	 * $4.50") under "text", and its campaign and ad ids.
	 */
	@SuppressWarnings("unchecked")
	List<Map<String, Object>> alertAds(String alertId) {
		Object value = this.browser
			.js("var row = document.querySelector('#alerts tr[data-alert-id=\"' + arguments[0] + '\"]');"
					+ "return row ? Array.from(row.querySelectorAll('ul.affected li')).map(function (li) {"
					+ " return { text: li.textContent, campaignId: li.dataset.campaignId, adId: li.dataset.adId || null }; }) : [];",
					alertId);
		return (value instanceof List<?> list) ? (List<Map<String, Object>>) list : List.of();
	}

	/** The errors the alerts panel shows ("CODE: message"). */
	List<String> alertErrors() {
		return strings(this.browser.js("var list = document.getElementById('alerts-errors');"
				+ "return list.hidden ? [] : Array.from(list.children).map(function (li) { return li.textContent; });"));
	}

	/** What the alerts panel says it could not check ("Not checked (source): …"). */
	List<String> alertNotes() {
		return strings(this.browser.js("var list = document.getElementById('alerts-notes');"
				+ "return list.hidden ? [] : Array.from(list.children).map(function (li) { return li.textContent; });"));
	}

	/** When the alerts were checked, and what the panel does next. */
	String alertsChecked() {
		return (String) this.browser.js("return document.getElementById('alerts-checked').textContent;");
	}

	/** How many answers of the gateway the alerts panel has shown. */
	int alertAnswers() {
		Object value = this.browser.js("return document.getElementById('alerts-panel').dataset.answers || '0';");
		return Integer.parseInt(String.valueOf(value));
	}

	void click(String id) {
		this.browser.js("document.getElementById(arguments[0]).click();", id);
	}

	/** Sets a field as a person would and lets the page see the change. */
	void set(String id, String value) {
		this.browser.js("var field = document.getElementById(arguments[0]); field.value = arguments[1];"
				+ "field.dispatchEvent(new Event('change'));", id, value);
	}

	/**
	 * The rows a script selects into {@code rows}: each cell's text under its column
	 * name, its value under "column.value", and the row's data attributes under
	 * "data.name".
	 */
	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> rows(String select, Object... arguments) {
		Object value = this.browser
			.js(select + "return Array.from(rows).map(function (row) { return " + ROW + "(row); });", arguments);
		return (value instanceof List<?> list) ? (List<Map<String, Object>>) list : List.of();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> row(String element, Object... arguments) {
		return (Map<String, Object>) this.browser.js("var row = " + element + "; return row ? " + ROW + "(row) : null;",
				arguments);
	}

	private static final String ROW = "(function (row) { var out = {};"
			+ " Object.keys(row.dataset).forEach(function (k) { out['data.' + k] = row.dataset[k]; });"
			+ " Array.from(row.cells).forEach(function (td) { if (td.dataset.column) {"
			+ " out[td.dataset.column] = td.textContent;"
			+ " out[td.dataset.column + '.value'] = td.dataset.value === undefined ? null : td.dataset.value; } });"
			+ " return out; })";

	/** The ads account cards' ids, in the order shown (the accounts view). */
	List<String> accountIds() {
		return strings(this.browser.js("return Array.from(document.querySelectorAll('#accounts article.account'))"
				+ ".map(function (card) { return card.dataset.id; });"));
	}

	/**
	 * One account's checklist as shown: {@code state} (the account's readiness state),
	 * {@code summary}, and per step kind its {@code done}, {@code waiting},
	 * {@code status}, {@code action} and {@code link} (the href, or null), and
	 * {@code buttons} (the actions offered); null while the account is not shown.
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> checklist(String adsAccountId) {
		return (Map<String, Object>) this.browser
			.js("var id = arguments[0]; var card = Array.from(document.querySelectorAll("
					+ "'#accounts article.account')).find(function (c) { return c.dataset.id === id; });"
					+ "if (!card) { return null; }"
					+ "var result = { state: card.dataset.state, summary: card.querySelector('.summary').textContent };"
					+ "card.querySelectorAll('li.step').forEach(function (li) {"
					+ "  var text = function (selector) { var e = li.querySelector(selector); return e ? e.textContent : null; };"
					+ "  var link = li.querySelector('a.step-link');"
					+ "  result[li.dataset.kind] = { done: li.dataset.done === 'true', waiting: li.dataset.waiting === 'true',"
					+ "    name: text('.step-name'), status: text('.step-status'), action: text('.step-action'),"
					+ "    link: link ? link.href : null, result: text('.step-result'),"
					+ "    buttons: Array.from(li.querySelectorAll('.step-actions button')).map(function (b) { return b.dataset.action; }) };"
					+ "});" + "return result;", adsAccountId);
	}

	/** Clicks one of a step's action buttons (its {@code data-action}). */
	void clickStepAction(String adsAccountId, String kind, String action) {
		this.browser
			.js("var id = arguments[0]; var card = Array.from(document.querySelectorAll('#accounts article.account'))"
					+ ".find(function (c) { return c.dataset.id === id; });"
					+ "card.querySelector('li.step[data-kind=\"' + arguments[1] + '\"] .step-actions button[data-action=\"'"
					+ " + arguments[2] + '\"]').click();", adsAccountId, kind, action);
	}

	/** Types into one of a step's fields (its {@code name}), as a person would. */
	void fillStepField(String adsAccountId, String kind, String name, String value) {
		this.browser
			.js("var id = arguments[0]; var card = Array.from(document.querySelectorAll('#accounts article.account'))"
					+ ".find(function (c) { return c.dataset.id === id; });"
					+ "var field = card.querySelector('li.step[data-kind=\"' + arguments[1] + '\"] [name=\"' + arguments[2] + '\"]');"
					+ "field.value = arguments[3]; field.dispatchEvent(new Event('input', { bubbles: true }));"
					+ "field.dispatchEvent(new Event('change', { bubbles: true }));", adsAccountId, kind, name, value);
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object value) {
		return (value instanceof List<?> list) ? ((List<Object>) list).stream().map(String::valueOf).toList()
				: List.of();
	}

}
