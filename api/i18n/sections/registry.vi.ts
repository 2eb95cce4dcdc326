/** Strings of the registry pages, Vietnamese first; the English file must have the same keys. */
export const registryVi = {};
