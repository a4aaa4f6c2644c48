/** The NOTIFY channel of migration 0006 and the presence service. */
export const LIVE_CHANNEL = "helpdesk_live";
