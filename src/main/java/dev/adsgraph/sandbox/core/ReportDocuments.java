package dev.adsgraph.sandbox.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Finished report files (gzip) and the short-lived links to them, standing in for
 * Amazon's pre-signed S3 URLs: {@code GET {base}/documents/{token}} needs no credentials,
 * and once the link expires it answers 403 with an S3-style XML error. Each status or
 * document call mints a fresh link; the file itself is built once per report.
 */
public final class ReportDocuments {

	private final Map<String, byte[]> contents = new ConcurrentHashMap<>();

	private final Map<String, Link> links = new ConcurrentHashMap<>();

	private final Stats stats;

	private final Clock clock;

	private final Hosts hosts;

	public ReportDocuments(Stats stats, Clock clock, Hosts hosts) {
		this.stats = stats;
		this.clock = clock;
		this.hosts = hosts;
	}

	/**
	 * The gzip file, built by {@code build} the first time; a concurrent duplicate build
	 * is discarded.
	 */
	public byte[] content(String contentId, Supplier<byte[]> build) {
		byte[] existing = this.contents.get(contentId);
		if (existing != null) {
			return existing;
		}
		byte[] built = gzip(build.get());
		byte[] raced = this.contents.putIfAbsent(contentId, built);
		return (raced != null) ? raced : built;
	}

	/** A URL valid for {@code ttl}, and when it expires. */
	public Link link(ServerRequest request, String contentId, Duration ttl) {
		Instant now = this.clock.instant();
		if (this.links.size() > 1_000) {
			this.links.values().removeIf((link) -> !now.isBefore(link.expiresAt()));
		}
		String token = UUID.randomUUID().toString();
		Link link = new Link(this.hosts.url(Hosts.Host.DOCUMENTS, request) + "/" + token, contentId, now.plus(ttl));
		this.links.put(token, link);
		return link;
	}

	public Mono<ServerResponse> download(ServerRequest request) {
		this.stats.count("reports.download");
		Link link = this.links.get(request.pathVariable("token"));
		byte[] content = (link != null) ? this.contents.get(link.contentId()) : null;
		if (link == null || content == null || !this.clock.instant().isBefore(link.expiresAt())) {
			String reason = (link == null || content == null) ? "AccessDenied</Code><Message>Access Denied"
					: "AccessDenied</Code><Message>Request has expired";
			return new Reply(403, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
					+ reason + "</Message><RequestId>" + UUID.randomUUID() + "</RequestId></Error>")
				.toResponse();
		}
		return new Reply(200, "application/octet-stream", content).toResponse();
	}

	public void clear() {
		this.contents.clear();
		this.links.clear();
	}

	static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	public record Link(String url, String contentId, Instant expiresAt) {
	}

}
