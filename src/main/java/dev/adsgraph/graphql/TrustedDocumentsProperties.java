package dev.adsgraph.graphql;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.graphql.trusted-documents.*}: a deploy-time allow-list of operations
 * (docs/persisted-queries.md).
 *
 * @param enabled whether only the documents of the manifests run; any other document is
 * refused with {@code PERSISTED_QUERY_NOT_ALLOWED}, GraphiQL's and introspection queries
 * included unless listed
 * @param manifests where the manifests are ({@code file:} or {@code classpath:}
 * locations), each Apollo's persisted query manifest or GraphQL Code Generator's
 * {@code persisted-documents.json} with SHA-256 hashes; at least one when enabled
 */
@Validated
@ConfigurationProperties("adsgraph.graphql.trusted-documents")
public record TrustedDocumentsProperties(@DefaultValue("false") boolean enabled,
		@NotNull @DefaultValue List<String> manifests) {

}
