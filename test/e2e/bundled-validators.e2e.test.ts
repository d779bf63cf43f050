// The built CLI bundle carries the precompiled validators of the schemas that every command may check (kit, MCP,
// hooks, per-item blocks, config), compiled under its code cache; not those only a user's own target needs.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../integration/sandbox.js'

describe('the CLI bundle', () => {
  it('holds the validators of kit, MCP, hooks, item and config files, and not the target or preset ones', () => {
    const bundle = readFileSync(join(repoRoot, 'dist/cli/outfit.cjs'), 'latin1')
    const carried = [...bundle.matchAll(/"([a-z-]+\.schema\.json)":\(\)=>/g)].map((m) => m[1])
    expect(carried.sort()).toEqual([
      'config.schema.json',
      'hooks.schema.json',
      'item-outfit.schema.json',
      'kit.schema.json',
      'mcp.schema.json',
    ])
  })
})
