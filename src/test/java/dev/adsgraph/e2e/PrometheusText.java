package dev.adsgraph.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text exposition, to assert on by name and labels. */
record PrometheusText(List<Sample> samples) {

	private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

	static PrometheusText parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher matcher = LINE.matcher(line.trim());
			if (!matcher.matches()) {
				throw new AssertionError("not a Prometheus sample line: " + line);
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (matcher.group(2) != null) {
				Matcher label = LABEL.matcher(matcher.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
		}
		return new PrometheusText(samples);
	}

	/**
	 * The samples of this name whose labels include all of {@code labels} (key, value,
	 * key, value…).
	 */
	List<Sample> find(String name, String... labels) {
		return this.samples.stream().filter((sample) -> sample.name().equals(name)).filter((sample) -> {
			for (int i = 0; i < labels.length; i += 2) {
				if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
					return false;
				}
			}
			return true;
		}).toList();
	}

	/** The sum of the values of {@link #find}. */
	double sum(String name, String... labels) {
		return find(name, labels).stream().mapToDouble(Sample::value).sum();
	}

	record Sample(String name, Map<String, String> labels, double value) {
	}

}
