import { defineConfig } from 'drizzle-kit';

// Each stage owns its schema file; migrations are generated into core and applied at every start.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./fingerprints/fingerprints.schema.ts', './crawler/crawler.schema.ts', './matcher/matcher.schema.ts', './api/api.schema.ts', './api/cases/case.schema.ts', './api/notify/notify.schema.ts', './api/review.schema.ts', './api/sellers/seller.schema.ts', './core/audit/audit.schema.ts'],
  out: './core/database/migrations',
  schemaFilter: ['fingerprints', 'crawler', 'matcher', 'api', 'audit'],
});
