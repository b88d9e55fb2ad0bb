package dev.adsgraph.upstream.ads;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a report file: a JSON array of row objects, gzip-compressed for format GZIP_JSON.
 * The decompressed text is parsed as it is inflated, so it never sits in memory as a
 * whole; only the rows do.
 */
final class ReportFiles {

	// Fractions as BigDecimal: a double would turn a cost of 0.1 into
	// 0.1000000000000000055...
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() {
	};

	private ReportFiles() {
	}

	/**
	 * The rows of {@code file}. Amazon's files are gzip; a file that is not (a storage
	 * layer that already decoded a {@code Content-Encoding: gzip}, or a simulator) is
	 * read as plain JSON.
	 * @throws IllegalArgumentException when the content is not a JSON array of objects
	 */
	static List<ReportRow> parse(byte[] file) {
		try (InputStream in = open(file)) {
			List<Map<String, Object>> rows = JSON.readValue(in, ROWS);
			if (rows == null) {
				throw new IllegalArgumentException("report file is JSON null, not an array of rows");
			}
			List<ReportRow> result = new ArrayList<>(rows.size());
			for (Map<String, Object> row : rows) {
				if (row == null) {
					throw new IllegalArgumentException("report file holds a null row");
				}
				result.add(new ReportRow(row));
			}
			return result;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("report file is not a JSON array of rows: " + ex.getOriginalMessage(),
					ex);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("report file is not valid gzip: " + ex.getMessage(), ex);
		}
	}

	private static InputStream open(byte[] file) throws IOException {
		InputStream raw = new ByteArrayInputStream(file);
		boolean gzip = file.length >= 2 && (file[0] & 0xff) == 0x1f && (file[1] & 0xff) == 0x8b;
		return gzip ? new BufferedInputStream(new GZIPInputStream(raw, 64 * 1024), 64 * 1024) : raw;
	}

}
