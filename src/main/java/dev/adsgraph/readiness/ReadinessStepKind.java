package dev.adsgraph.readiness;

/** The steps between a registered ads account and one that can advertise. */
public enum ReadinessStepKind {

	/** The ads account is created in every country it was registered in. */
	REGISTRATION,

	/** Billing is set up in every country of the account. */
	BILLING,

	/** The account is linked to a manager account and no invitation to it is pending. */
	ACCESS

}
