/** Billing status a ticket gets at close when the leader does not choose one (issue #14 item 3). */
export function billingAtClose(serviceKind: "contract" | "event", hasCharges: boolean) {
  if (serviceKind === "event") return "to_invoice" as const;
  // A contract's time is in its monthly fee; only its extra charges go to the monthly run.
  return hasCharges ? ("to_invoice" as const) : ("no_charge" as const);
}

/**
 * Whether the leader may set a ticket's billing status by hand in this status: billing is decided at
 * review and close (SPEC §3 step 7); a ticket still being worked, or cancelled, has nothing to bill.
 */
export const billingStatusSettable = (status: string) => status === "reviewed" || status === "closed";
