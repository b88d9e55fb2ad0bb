package dev.adsgraph.graphql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.ErrorClassification;
import graphql.GraphqlErrorBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/errors.md lists every code with its classification, and it is the list the gateway
 * applies: no code documented without its classification, none applied that is not
 * documented.
 */
class ErrorCodesTest {

	private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| `([A-Za-z_]+)` \\|", Pattern.MULTILINE);

	@Test
	void theDocumentedTableIsTheAppliedOne() throws IOException {
		String doc = Files.readString(Path.of("docs", "errors.md"));
		Map<String, String> documented = new LinkedHashMap<>();
		Matcher row = ROW.matcher(doc);
		while (row.find()) {
			documented.put(row.group(1), row.group(2));
		}
		Map<String, String> applied = new LinkedHashMap<>();
		ErrorCodes.classifications().forEach((code, classification) -> applied.put(code, classification.toString()));
		assertThat(documented).isEqualTo(applied);
	}

	@Test
	void errorsWithoutACodeGetOneFromTheirClassification() {
		Map<ErrorClassification, String> expected = Map.of(graphql.ErrorType.InvalidSyntax, "GRAPHQL_PARSE_FAILED",
				graphql.ErrorType.ValidationError, "GRAPHQL_VALIDATION_FAILED", graphql.ErrorType.ExecutionAborted,
				"QUERY_TOO_COMPLEX", graphql.ErrorType.DataFetchingException, "INTERNAL");
		expected.forEach((classification, code) -> {
			var coded = ErrorCodesInterceptor
				.coded(GraphqlErrorBuilder.newError().message("m").errorType(classification).build());
			assertThat(coded.getExtensions()).containsEntry("code", code);
			assertThat(coded.getErrorType()).isEqualTo(ErrorCodes.classification(code));
		});
	}

	@Test
	void aCodeTravelsWithItsOwnClassification() {
		var coded = ErrorCodesInterceptor.coded(GraphqlErrorBuilder.newError()
			.message("m")
			.errorType(graphql.ErrorType.ExecutionAborted)
			.extensions(Map.of("code", "BAD_USER_INPUT", "limit", "maxAsins"))
			.build());
		assertThat(coded.getErrorType()).isEqualTo(org.springframework.graphql.execution.ErrorType.BAD_REQUEST);
		assertThat(coded.getExtensions()).containsEntry("limit", "maxAsins");
	}

}
