/**
 * The sandbox's own endpoints under {@code /sandbox/}: call counts, resetting the data,
 * accepting terms tokens, the fault rules and the ground-truth products and numbers.
 */
package dev.adsgraph.sandbox.control;
