// What the bundled CLI (dist/cli/outfit.cjs, scripts/bundle-cli.mjs) exposes to the bin (run.ts).
export { main } from './index.js'
export { realFs } from '../fs/fs.js'
