package dev.adsgraph.tooling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read the way Docker reads it, as far as the checks need: comments and
 * blank lines dropped, continuation lines joined, instructions grouped by build stage.
 */
record Dockerfile(List<Stage> stages) {

	static Dockerfile read(Path path) throws IOException {
		List<Stage> stages = new ArrayList<>();
		StringBuilder pending = new StringBuilder();
		for (String line : Files.readAllLines(path)) {
			String stripped = line.strip();
			if (pending.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
				continue;
			}
			if (stripped.startsWith("#")) {
				continue;
			}
			if (stripped.endsWith("\\")) {
				pending.append(stripped.substring(0, stripped.length() - 1).strip()).append(' ');
				continue;
			}
			pending.append(stripped);
			Instruction instruction = Instruction.parse(pending.toString());
			pending.setLength(0);
			if (instruction.keyword().equals("FROM")) {
				stages.add(new Stage(instruction, new ArrayList<>()));
			}
			else if (stages.isEmpty()) {
				throw new IllegalStateException(path + ": " + instruction + " before the first FROM");
			}
			else {
				stages.get(stages.size() - 1).instructions().add(instruction);
			}
		}
		return new Dockerfile(List.copyOf(stages));
	}

	Stage last() {
		return this.stages.get(this.stages.size() - 1);
	}

	Stage stage(String name) {
		return this.stages.stream()
			.filter((stage) -> name.equalsIgnoreCase(stage.name()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no stage named " + name));
	}

	/** One build stage: its FROM and what follows it. */
	record Stage(Instruction from, List<Instruction> instructions) {

		/** The base image, {@code maven:3.9-eclipse-temurin-17}. */
		String image() {
			return this.from.arguments().split("\\s+")[0];
		}

		/** The stage's name ({@code FROM image AS name}), or null. */
		String name() {
			String[] words = this.from.arguments().split("\\s+");
			return (words.length == 3 && words[1].equalsIgnoreCase("AS")) ? words[2] : null;
		}

		List<Instruction> all(String keyword) {
			return this.instructions.stream().filter((instruction) -> instruction.keyword().equals(keyword)).toList();
		}

	}

	/** One instruction, continuation lines joined. */
	record Instruction(String keyword, String arguments) {

		static Instruction parse(String line) {
			String[] parts = line.split("\\s+", 2);
			return new Instruction(parts[0].toUpperCase(Locale.ROOT), (parts.length > 1) ? parts[1].strip() : "");
		}

	}

}
