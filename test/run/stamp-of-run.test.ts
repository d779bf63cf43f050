// A clean install's stamps (src/run/fast-path.ts) describe the manifests its tools just wrote: taken as each tool's
// last step left them, not read back, unsealed and checked again (issue 28), and the same as a read back would give.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Fs } from '../../src/fs/fs.js'
import { createMemSandbox } from '../helpers/mem-sandbox.js'

describe('stamps of a clean install', () => {
  it('list every file of the manifest just written, without reading the manifest back', async () => {
    const sb = await createMemSandbox()
    const manifestReads: string[] = []
    const counting: Fs = {
      ...sb.fs,
      readFile: (async (...args: Parameters<Fs['readFile']>) => {
        const data = await sb.fs.readFile(...args)
        if (typeof args[0] === 'string' && /\/manifests\/[^/]+\.json$/.test(args[0]))
          manifestReads.push(args[0])
        return data
      }) as Fs['readFile'],
    }
    const first = await sb.install(['claude-code'], { fs: counting })
    expect(first.results.map((r) => r.status)).toEqual(['installed'])
    expect(manifestReads).toEqual([])

    const files = (await sb.fs.readdir(sb.state, { recursive: true })) as string[]
    const read = async (pattern: RegExp) =>
      String(await sb.fs.readFile(join(sb.state, files.find((f) => pattern.test(f)) ?? 'missing'), 'utf8'))
    const manifest = JSON.parse(await read(/manifests\/claude-code\.global\.json$/)) as {
      steps: { changes: { kind: string; path: string }[] }[]
    }
    const stamp = JSON.parse(await read(/stamps\/claude-code\.global\.json$/)) as {
      files: [string, string][]
    }
    const written = manifest.steps.flatMap((s) =>
      s.changes.filter((c) => c.kind !== 'dir').map((c) => c.path),
    )
    expect(written.length).toBeGreaterThan(5)
    // The stamp names absolute paths, the manifest paths relative to the scope root (the home here).
    expect(stamp.files.map(([path]) => path).slice(1)).toEqual(
      [...new Set(written)].map((p) => join(sb.home, p)),
    )
    // And it vouches for the install: the next one is proven unchanged.
    const again = await sb.install(['claude-code'])
    expect(again.results.map((r) => r.status)).toEqual(['unchanged'])
  })
})
