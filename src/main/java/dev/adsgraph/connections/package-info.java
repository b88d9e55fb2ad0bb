/**
 * A workspace's connections: the Amazon users and sellers who consented to its LWA
 * applications, kept in PostgreSQL (table {@code connection}) with their refresh tokens
 * encrypted under keys from the environment.
 * <ul>
 * <li>{@link dev.adsgraph.connections.ConnectionStore} saves a completed consent, lists a
 * workspace's connections, marks one as needing consent again or disconnected, and
 * re-encrypts under a new key.</li>
 * <li>{@link dev.adsgraph.connections.TokenCipher} is the AES-256-GCM encryption, with
 * key ids.</li>
 * </ul>
 */
package dev.adsgraph.connections;
