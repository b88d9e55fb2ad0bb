package dev.adsgraph.readiness;

/**
 * What one {@link ReadinessCheck} found.
 *
 * @param done whether the condition holds
 * @param status the state in words, for the user
 * @param nextAction what the user (or Amazon) has to do next, or {@code null} when done
 * @param link where the user takes that action, or {@code null}
 */
public record StepState(boolean done, String status, String nextAction, String link) {
}
