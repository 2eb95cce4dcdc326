import type { monitoringVi } from './monitoring.vi.ts';

export const monitoringEn: typeof monitoringVi = {};
