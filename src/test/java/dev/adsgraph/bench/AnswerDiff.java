package dev.adsgraph.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Compares two JSON answers structurally (bench/README.md, "Unchanged answers"): objects
 * by their members whatever their order, arrays element by element, numbers by value
 * ({@code 1} equals {@code 1.0}), everything else as it is; a field present in one answer
 * and absent from the other, or {@code null} in one only, differs. Only the fields
 * {@link #IGNORED} names may differ, each in the way its rule allows.
 */
final class AnswerDiff {

	/**
	 * The fields of an answer that two gateways reading the same sandbox at different
	 * moments may answer differently, and why. Keep it short: every entry hides a
	 * difference. (The answers' top-level {@code extensions} are not in it: no gateway
	 * writes any today; one that starts to must be seen to.)
	 */
	static final List<Ignored> IGNORED = List.of(new Ignored("data.**.freshness.*.asOf", false,
			"when the upstream report behind the figures was generated: each gateway requests its own"
					+ " report, so the times differ; whether it is there (null unless READY) must not"));

	/** The most differences one comparison lists (the count goes on). */
	static final int MAX_LISTED = 10;

	private AnswerDiff() {
	}

	/**
	 * A field allowed to differ.
	 *
	 * @param pattern its path: names separated by dots, {@code *} for any one name or
	 * array index, {@code **} for any number of them
	 * @param presence whether it may also be present in one answer and absent (or null)
	 * in the other; otherwise only its value may differ
	 * @param why why the two gateways may legitimately answer it differently
	 */
	record Ignored(String pattern, boolean presence, String why) {

		boolean matches(List<String> path) {
			return matches(List.of(this.pattern.split("\\.")), 0, path, 0);
		}

		private static boolean matches(List<String> pattern, int p, List<String> path, int i) {
			if (p == pattern.size()) {
				return i == path.size();
			}
			String token = pattern.get(p);
			if (token.equals("**")) {
				for (int skip = i; skip <= path.size(); skip++) {
					if (matches(pattern, p + 1, path, skip)) {
						return true;
					}
				}
				return false;
			}
			return i < path.size() && (token.equals("*") || token.equals(path.get(i)))
					&& matches(pattern, p + 1, path, i + 1);
		}

	}

	/**
	 * One difference.
	 *
	 * @param path where, as {@code data.products.nodes[3].catalog.title}
	 * @param baseline the baseline's value there, in short ({@code (absent)} when it has
	 * none)
	 * @param underTest the gateway under test's value there, in short
	 */
	record Difference(String path, String baseline, String underTest) {

		@Override
		public String toString() {
			return this.path + ": " + this.baseline + " -> " + this.underTest;
		}

	}

	/**
	 * What a comparison found: the first differences, how many there were, and how many
	 * values of the {@link #IGNORED} fields differed (allowed, so not among them).
	 */
	record Outcome(List<Difference> listed, int count, int allowed) {

		boolean equal() {
			return this.count == 0;
		}

	}

	static Outcome compare(JsonNode baseline, JsonNode underTest) {
		return compare(baseline, underTest, IGNORED);
	}

	static Outcome compare(JsonNode baseline, JsonNode underTest, List<Ignored> ignored) {
		Walk walk = new Walk(ignored);
		walk.compare(new ArrayList<>(), baseline, underTest);
		return new Outcome(List.copyOf(walk.listed), walk.count, walk.allowed);
	}

	/** A path as it is printed: names joined by dots, indices in brackets. */
	static String render(List<String> path) {
		StringBuilder text = new StringBuilder();
		for (String segment : path) {
			if (segment.startsWith("[")) {
				text.append(segment);
			}
			else {
				text.append((text.length() > 0) ? "." : "").append(segment);
			}
		}
		return (text.length() > 0) ? text.toString() : "(the answer)";
	}

	/** A value in short, for a difference's line. */
	static String shortly(JsonNode node) {
		if (node == null || node.isMissingNode()) {
			return "(absent)";
		}
		String text;
		if (node.isArray()) {
			text = "[" + node.size() + " elements]";
		}
		else if (node.isObject()) {
			text = "{" + String.join(", ", node.propertyNames()) + "}";
		}
		else {
			text = node.toString();
		}
		return (text.length() > 80) ? text.substring(0, 80) + "…" : text;
	}

	private static final class Walk {

		private final List<Ignored> ignored;

		private final List<Difference> listed = new ArrayList<>();

		private int count;

		private int allowed;

		Walk(List<Ignored> ignored) {
			this.ignored = ignored;
		}

		void compare(List<String> path, JsonNode a, JsonNode b) {
			Ignored rule = rule(path);
			if (rule != null) {
				if (!rule.presence() && (absentOrNull(a) != absentOrNull(b) || isAbsent(a) != isAbsent(b))) {
					differ(path, a, b);
				}
				else if (!Objects.equals(a, b)) {
					this.allowed++;
				}
				return;
			}
			if (isAbsent(a) || isAbsent(b)) {
				if (isAbsent(a) != isAbsent(b)) {
					differ(path, a, b);
				}
				return;
			}
			if (a.isNumber() && b.isNumber()) {
				if (a.decimalValue().compareTo(b.decimalValue()) != 0) {
					differ(path, a, b);
				}
				return;
			}
			if (a.getNodeType() != b.getNodeType()) {
				differ(path, a, b);
				return;
			}
			if (a.isObject()) {
				Set<String> names = new LinkedHashSet<>(a.propertyNames());
				names.addAll(b.propertyNames());
				for (String name : names) {
					path.add(name);
					compare(path, a.get(name), b.get(name));
					path.remove(path.size() - 1);
				}
			}
			else if (a.isArray()) {
				if (a.size() != b.size()) {
					differ(path, a, b);
				}
				for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
					path.add("[" + i + "]");
					compare(path, a.get(i), b.get(i));
					path.remove(path.size() - 1);
				}
			}
			else if (!a.equals(b)) {
				differ(path, a, b);
			}
		}

		private Ignored rule(List<String> path) {
			for (Ignored rule : this.ignored) {
				if (rule.matches(path)) {
					return rule;
				}
			}
			return null;
		}

		private void differ(List<String> path, JsonNode a, JsonNode b) {
			this.count++;
			if (this.listed.size() < MAX_LISTED) {
				this.listed.add(new Difference(render(path), shortly(a), shortly(b)));
			}
		}

		private static boolean isAbsent(JsonNode node) {
			return node == null || node.isMissingNode();
		}

		private static boolean absentOrNull(JsonNode node) {
			return isAbsent(node) || node.isNull();
		}

	}

}
