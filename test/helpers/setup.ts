// Run by vitest before every test file of `npm test` (vitest.config.ts setupFiles), in each worker.
import { useBuiltRecord } from './built-record.js'

await useBuiltRecord()

// memfs asks process.getuid() and getgid() at every step of every path it walks and for every node it makes (its
// permission checks): each is a system call, which on this VM took 6 % of the memfs tests' time (a quarter of
// power-cut.test.ts). The ids cannot change while the tests run (nothing calls setuid): asked once, they are given
// from then on. A test that fakes another user still can (vi.spyOn replaces these, and restores them after).
const uid = process.getuid?.()
const gid = process.getgid?.()
if (uid !== undefined) process.getuid = () => uid
if (gid !== undefined) process.getgid = () => gid
