/**
 * Whether an ads account can advertise: registration, billing and access as steps, each
 * answered by the {@link dev.adsgraph.readiness.ReadinessCheck} beans of its family.
 */
package dev.adsgraph.readiness;
