import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One Prometheus registry per process. Workers count their jobs here; the API exposes it on /metrics
 * (queue depths are read from Redis at scrape time, so every process reports the same figures).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'ipwatch_process_' });

export const jobsTotal = new Counter({
  name: 'ipwatch_jobs_total',
  help: 'Background jobs finished, by job name and outcome',
  labelNames: ['job', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const queueDepth = new Gauge({
  name: 'ipwatch_queue_jobs',
  help: 'Jobs in each queue by state, read at scrape time',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
});

export const crawlPageSeconds = new Histogram({
  name: 'ipwatch_crawl_page_seconds',
  help: 'Time to fetch, render, extract and capture one page',
  buckets: [0.25, 0.5, 1, 2, 4, 8, 16, 32],
  registers: [metricsRegistry],
});

export const matchListingSeconds = new Histogram({
  name: 'ipwatch_match_listing_seconds',
  help: 'Time to match one listing against the registry',
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
  registers: [metricsRegistry],
});

export const listingsCrawledTotal = new Counter({
  name: 'ipwatch_listings_crawled_total',
  help: 'Listings extracted and stored by the crawler',
  registers: [metricsRegistry],
});

export const findingsTotal = new Counter({
  name: 'ipwatch_findings_total',
  help: 'Findings written by the matcher',
  registers: [metricsRegistry],
});
