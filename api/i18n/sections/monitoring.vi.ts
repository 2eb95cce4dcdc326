/** Strings of the monitoring pages, Vietnamese first; the English file must have the same keys. */
export const monitoringVi = {};
