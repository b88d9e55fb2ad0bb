package dev.adsgraph.graphiql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.util.DigestUtils;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The scripts and styles of the GraphiQL page, all from the classpath: GraphiQL's and React's
 * browser bundles from their webjars, and the page's own start-up script. Only the files the page
 * uses are served. Each URL carries a digest of the file's content, so browsers may keep a file
 * for a year and still get a new one when it changes.
 */
final class GraphiQlAssets {

	private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

	private static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");

	private final Map<String, Asset> assets = new LinkedHashMap<>();

	private GraphiQlAssets() {
	}

	/** Finds every file the page needs; a missing one stops the start-up, naming the webjar. */
	static GraphiQlAssets fromClasspath() {
		GraphiQlAssets assets = new GraphiQlAssets();
		String react = webjar("react");
		String reactDom = webjar("react-dom");
		String graphiql = webjar("graphiql");
		assets.add("react.production.min.js", react + "umd/react.production.min.js", JAVASCRIPT);
		assets.add("react-dom.production.min.js", reactDom + "umd/react-dom.production.min.js", JAVASCRIPT);
		assets.add("graphiql.min.js", graphiql + "graphiql.min.js", JAVASCRIPT);
		assets.add("graphiql.min.css", graphiql + "graphiql.min.css", CSS);
		assets.add("adsgraph-graphiql.js", "dev/adsgraph/graphiql/adsgraph-graphiql.js", JAVASCRIPT);
		assets.add("adsgraph-graphiql.css", "dev/adsgraph/graphiql/adsgraph-graphiql.css", CSS);
		return assets;
	}

	/** The classpath folder of an npm webjar, at the version on the classpath. */
	private static String webjar(String name) {
		String properties = "META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
		ClassPathResource resource = new ClassPathResource(properties);
		if (!resource.exists()) {
			throw new IllegalStateException("The GraphiQL page needs the webjar org.webjars.npm:" + name
					+ ", which is not on the classpath (" + properties + " is missing)");
		}
		Properties pom = new Properties();
		try (InputStream in = resource.getInputStream()) {
			pom.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return "META-INF/resources/webjars/" + name + "/" + pom.getProperty("version") + "/";
	}

	private void add(String name, String location, MediaType type) {
		ClassPathResource resource = new ClassPathResource(location);
		if (!resource.exists()) {
			throw new IllegalStateException("The GraphiQL page needs " + location + ", which is not on the classpath");
		}
		try (InputStream in = resource.getInputStream()) {
			this.assets.put(name, new Asset(resource, type, DigestUtils.md5DigestAsHex(in).substring(0, 12)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The URL of an asset below the page's path, with its content digest. */
	String url(String base, String name) {
		Asset asset = this.assets.get(name);
		if (asset == null) {
			throw new IllegalArgumentException("no GraphiQL asset " + name);
		}
		return base + "/assets/" + name + "?v=" + asset.digest();
	}

	Mono<ServerResponse> serve(ServerRequest request) {
		Asset asset = this.assets.get(request.pathVariable("name"));
		if (asset == null) {
			return ServerResponse.notFound().build();
		}
		boolean current = request.queryParam("v").map(asset.digest()::equals).orElse(false);
		CacheControl cache = current ? CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable()
				: CacheControl.noCache();
		return ServerResponse.ok()
			.contentType(asset.type())
			.cacheControl(cache)
			.header("X-Content-Type-Options", "nosniff")
			.body(BodyInserters.fromResource(asset.resource()));
	}

	private record Asset(Resource resource, MediaType type, String digest) {
	}

}
