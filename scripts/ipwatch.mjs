#!/usr/bin/env node
// The `ipwatch` command: TypeScript sources run through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('./cli/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
