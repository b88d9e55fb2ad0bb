package dev.adsgraph.pages;

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
 * The scripts and styles of one page, all from the classpath: browser bundles from
 * webjars and the page's own files. Only the files named are served. Each URL carries a
 * digest of the file's content, so browsers may keep a file for a year and still get a
 * new one when it changes.
 */
public final class PageAssets {

	public static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

	public static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");

	private final String page;

	private final Map<String, Asset> assets = new LinkedHashMap<>();

	/**
	 * @param page the page's name for start-up errors ("The GraphiQL page")
	 */
	public PageAssets(String page) {
		this.page = page;
	}

	/**
	 * Adds a file of an npm webjar at the version on the classpath ({@code path} inside
	 * the package, {@code dist/chart.umd.js}), served as {@code name}; a missing webjar
	 * or file stops the start-up, naming it.
	 */
	public PageAssets webjar(String webjar, String path, String name, MediaType type) {
		String properties = "META-INF/maven/org.webjars.npm/" + webjar + "/pom.properties";
		ClassPathResource resource = new ClassPathResource(properties);
		if (!resource.exists()) {
			throw new IllegalStateException(this.page + " needs the webjar org.webjars.npm:" + webjar
					+ ", which is not on the classpath (" + properties + " is missing)");
		}
		Properties pom = new Properties();
		try (InputStream in = resource.getInputStream()) {
			pom.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return add(name, "META-INF/resources/webjars/" + webjar + "/" + pom.getProperty("version") + "/" + path, type);
	}

	/** Adds the classpath file at {@code location}, served as {@code name}. */
	public PageAssets add(String name, String location, MediaType type) {
		ClassPathResource resource = new ClassPathResource(location);
		if (!resource.exists()) {
			throw new IllegalStateException(this.page + " needs " + location + ", which is not on the classpath");
		}
		try (InputStream in = resource.getInputStream()) {
			this.assets.put(name, new Asset(resource, type, DigestUtils.md5DigestAsHex(in).substring(0, 12)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

	/** The URL of an asset below the page's path, with its content digest. */
	public String url(String base, String name) {
		Asset asset = this.assets.get(name);
		if (asset == null) {
			throw new IllegalArgumentException(this.page + " has no asset " + name);
		}
		return base + "/assets/" + name + "?v=" + asset.digest();
	}

	/** Answers {@code GET <path>/assets/{name}}. */
	public Mono<ServerResponse> serve(ServerRequest request) {
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
