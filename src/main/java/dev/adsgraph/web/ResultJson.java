package dev.adsgraph.web;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

/**
 * Writes a GraphQL response map to JSON with one streaming generator: the maps, lists,
 * strings, whole numbers, doubles and booleans graphql-java completes a result into are
 * written directly, anything else (another scalar's value, an error extension's object)
 * by the mapper's own serializers. The bytes are those of
 * {@code mapper.writeValueAsBytes(map)}; what it saves is Jackson's serializer look-up
 * for each entry of each {@code Map<String, Object>} (about a twentieth of the gateway's
 * CPU on a 50-product answer, in a flight recording).
 *
 * <p>
 * The classes graphql-java and the gateway build results from ({@code LinkedHashMap},
 * {@code ArrayList}, {@code String}, the boxed numbers) are told apart by their class
 * first, before any {@code instanceof} of an interface (a scan of the class's interfaces
 * on Java 17, and a write to a cache the class shares across threads when it matches).
 *
 * <p>
 * {@link #write} writes into heap chunks that become the response's buffer as they are (a
 * GET's ETag is digested from them first), instead of a growing array copied on every
 * doubling, copied once more into an array of the right size and once more into the
 * buffer Spring hands Netty.
 */
final class ResultJson {

	/**
	 * The first chunk's size; each next one is twice as large, up to {@link #MAX_CHUNK}.
	 */
	static final int FIRST_CHUNK = 2048;

	static final int MAX_CHUNK = 64 * 1024;

	/** Heap buffers Netty writes as they are: nothing to release, nothing pooled. */
	private static final NettyDataBufferFactory HEAP = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);

	private final JsonMapper mapper;

	ResultJson(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * The response's bytes, in as many chunks as it took: the body of a POST's answer
	 * ({@link #toBuffer}), and of a GET's once its ETag is taken from them.
	 */
	Chunks write(Map<String, Object> response) {
		Chunks out = new Chunks();
		if (!writeTo(out, response)) {
			byte[] bytes = this.mapper.writeValueAsBytes(response);
			out = new Chunks();
			out.write(bytes, 0, bytes.length);
		}
		return out;
	}

	/** The response's bytes as a buffer for the HTTP response. */
	DataBuffer toBuffer(Map<String, Object> response) {
		return write(response).toDataBuffer();
	}

	/**
	 * Writes the response, or answers {@code false} when a map has a key that is not a
	 * string (never one graphql-java builds): then the mapper writes the whole response,
	 * as it would have.
	 */
	private boolean writeTo(OutputStream out, Map<String, Object> response) {
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			write(generator, response);
			return true;
		}
		catch (NotTextKey ex) {
			return false;
		}
	}

	private static void write(JsonGenerator generator, Object value) {
		if (value == null) {
			generator.writeNull();
			return;
		}
		Class<?> type = value.getClass();
		if (type == String.class) {
			generator.writeString((String) value);
		}
		else if (type == LinkedHashMap.class) {
			writeMap(generator, (Map<?, ?>) value);
		}
		else if (type == ArrayList.class) {
			writeList(generator, (List<?>) value);
		}
		else if (type == Integer.class) {
			generator.writeNumber(((Integer) value).intValue());
		}
		else if (type == Double.class) {
			writeDouble(generator, (Double) value);
		}
		else if (type == Boolean.class) {
			generator.writeBoolean((Boolean) value);
		}
		else if (type == Long.class) {
			generator.writeNumber(((Long) value).longValue());
		}
		else if (value instanceof Map<?, ?> map) {
			writeMap(generator, map);
		}
		else if (value instanceof List<?> list) {
			writeList(generator, list);
		}
		else {
			generator.writePOJO(value);
		}
	}

	/**
	 * A double as the generator writes it: with Jackson's fast double writer (the
	 * shortest decimal, Schubfach's), a ratio's few digits are written by
	 * {@link PlainDoubles} without that algorithm's work (7.5 % of the event loops'
	 * samples on 50-product answers, in a flight recording); the same text.
	 */
	private static void writeDouble(JsonGenerator generator, double value) {
		if (generator.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)) {
			char[] text = new char[PlainDoubles.MAX_LENGTH];
			int start = PlainDoubles.write(value, text);
			if (start >= 0) {
				generator.writeNumber(text, start, text.length - start);
				return;
			}
		}
		generator.writeNumber(value);
	}

	private static void writeMap(JsonGenerator generator, Map<?, ?> map) {
		generator.writeStartObject();
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (!(entry.getKey() instanceof String name)) {
				throw NotTextKey.INSTANCE;
			}
			generator.writeName(name);
			write(generator, entry.getValue());
		}
		generator.writeEndObject();
	}

	private static void writeList(JsonGenerator generator, List<?> list) {
		generator.writeStartArray();
		for (Object item : list) {
			write(generator, item);
		}
		generator.writeEndArray();
	}

	/** A map key that is not a string: the whole response goes to the mapper instead. */
	private static final class NotTextKey extends RuntimeException {

		static final NotTextKey INSTANCE = new NotTextKey();

		private NotTextKey() {
			super(null, null, false, false);
		}

	}

	/**
	 * An output stream into arrays that are kept, not copied: each full one is followed
	 * by one twice its size, up to {@link #MAX_CHUNK}.
	 */
	static final class Chunks extends OutputStream {

		private final List<byte[]> full = new ArrayList<>(4);

		private byte[] current = new byte[FIRST_CHUNK];

		private int used;

		@Override
		public void write(int b) {
			if (this.used == this.current.length) {
				next();
			}
			this.current[this.used++] = (byte) b;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			while (length > 0) {
				if (this.used == this.current.length) {
					next();
				}
				int n = Math.min(length, this.current.length - this.used);
				System.arraycopy(bytes, offset, this.current, this.used, n);
				this.used += n;
				offset += n;
				length -= n;
			}
		}

		private void next() {
			this.full.add(this.current);
			this.current = new byte[Math.min(this.current.length * 2, MAX_CHUNK)];
			this.used = 0;
		}

		/** Adds what was written, in order, to the digest. */
		void digestInto(MessageDigest digest) {
			for (byte[] chunk : this.full) {
				digest.update(chunk);
			}
			digest.update(this.current, 0, this.used);
		}

		/** What was written as the response's buffer. */
		DataBuffer toDataBuffer() {
			return HEAP.wrap(toByteBuf());
		}

		/** What was written, in order, as one buffer over the arrays. */
		ByteBuf toByteBuf() {
			if (this.full.isEmpty()) {
				return Unpooled.wrappedBuffer(this.current, 0, this.used);
			}
			ByteBuf[] parts = new ByteBuf[this.full.size() + 1];
			for (int i = 0; i < this.full.size(); i++) {
				parts[i] = Unpooled.wrappedBuffer(this.full.get(i));
			}
			parts[this.full.size()] = Unpooled.wrappedBuffer(this.current, 0, this.used);
			return Unpooled.wrappedBuffer(parts.length, parts);
		}

	}

}
