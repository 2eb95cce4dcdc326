import { demoUsers } from '../registry/demo-registry.ts';
import { startMarketplace } from './marketplace.ts';

/** Serves the DEMO marketplace until Ctrl-C: `npx tsx scripts/demo/marketplace/run.ts [port]`. */
const port = Number(process.argv[2] ?? 0);
const market = await startMarketplace({ port: Number.isInteger(port) ? port : 0 });
const { truth } = market;
console.log(`Sàn mẫu (demo) đang chạy: ${market.url}`);
console.log(`${truth.listings.length} listings: ${truth.plantedIds.length} planted, ${truth.innocentIds.length} innocent, ${truth.listings.filter((l) => l.robotsDisallowed).length} behind robots.txt`);
console.log(`demo accounts: ${demoUsers.map((u) => `${u.email} / ${u.password}`).join(', ')}`);
process.once('SIGINT', () => void market.close().then(() => process.exit(0)));
