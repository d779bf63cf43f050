// A scope variable may differ per operating system (VS Code's globalStorage folder); the platform is injectable.
import { describe, expect, it } from 'vitest'
import { buildPipeline } from '../../src/pipeline/build-pipeline.js'
import type { TargetSpec } from '../../src/types.js'
import { targetPlatform } from '../../src/vars/platform.js'

const spec = {
  id: 'ext',
  name: 'Ext',
  scopes: {
    global: {
      root: '{{home}}',
      dir: '{{home}}/.ext',
      vars: {
        storage: {
          linux: '{{home}}/.config/Code/User/globalStorage/x',
          darwin: '{{home}}/Library/Application Support/Code/User/globalStorage/x',
          win32: '{{home}}/AppData/Roaming/Code/User/globalStorage/x',
        },
        mcp: '{{storage}}/settings/mcp.json',
      },
    },
  },
  steps: [{ name: 'manifest', run: { action: 'manifest' }, rollback: { action: 'unmanifest' } }],
} as unknown as TargetSpec

describe('per-OS scope variables', () => {
  it.each([
    ['linux', '/h/.config/Code/User/globalStorage/x/settings/mcp.json'],
    ['darwin', '/h/Library/Application Support/Code/User/globalStorage/x/settings/mcp.json'],
    ['win32', '/h/AppData/Roaming/Code/User/globalStorage/x/settings/mcp.json'],
    ['freebsd', '/h/.config/Code/User/globalStorage/x/settings/mcp.json'],
  ])('on %s', (platform, mcp) => {
    const pipeline = buildPipeline(spec, 'global', { home: '/h', project: '/p', platform })
    expect(pipeline.scopeVars.mcp).toBe(mcp)
    // The folder is one of the target's declared areas, so state read back may point into it.
    expect(pipeline.areas).toContain(mcp.replace('/settings/mcp.json', ''))
  })

  it('defaults to the platform outfit runs on', () => {
    expect(targetPlatform()).toBe(
      process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux',
    )
  })
})
