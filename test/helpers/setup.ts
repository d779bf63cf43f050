// Run by vitest before every test file of `npm test` (vitest.config.ts setupFiles).
import { useBuiltRecord } from './built-record.js'

await useBuiltRecord()
