import type { registryVi } from './registry.vi.ts';

export const registryEn: typeof registryVi = {};
