// An ActionContext for unit tests: memfs, an empty kit unless given, a fresh log and lock.
import { RunState } from '../../src/actions/run-state.js'
import type { ActionContext } from '../../src/actions/types.js'
import type { Fs } from '../../src/fs/fs.js'
import { PathLock } from '../../src/fs/path-lock.js'
import { ToolLog } from '../../src/actions/tool-log.js'
import type { ScopeState } from '../../src/state/scope-state.js'
import type { Kit } from '../../src/types.js'
import { recordLookup } from '../../src/vars/interpolate.js'

/** A scope state with a fixed key, so that signed state and block tags are the same in every run. */
export function testState(root = '/home', dir = '/state/scopes/test'): ScopeState {
  return { dir, root, id: 'test', key: new Uint8Array(32).fill(7) }
}

export function testContext(fs: Fs, overrides: Partial<ActionContext> = {}): ActionContext {
  const kit: Kit = overrides.kit ?? {
    dir: '/kit',
    name: 'kit',
    version: '1.0.0',
    mcp: [],
    hooks: [],
    files: [],
  }
  return {
    fs,
    signal: new AbortController().signal,
    log: new ToolLog(),
    kit,
    tool: { id: 'tool', name: 'Tool' },
    scope: { name: 'global', root: '/home', dir: '/home/.tool' },
    vars: recordLookup({
      home: '/home',
      project: '/project',
      scope: 'global',
      root: '/home',
      dir: '/home/.tool',
      'kit.name': kit.name,
      'kit.version': kit.version,
      'kit.prefix': '',
      'kit.description': '',
      'kit.dir': kit.dir,
      'target.id': 'tool',
      'target.name': 'Tool',
    }),
    lock: new PathLock(),
    run: new RunState(),
    force: false,
    previous: null,
    completed: [],
    state: overrides.state ?? testState(),
    stateDir: overrides.state?.dir ?? testState().dir,
    record: () => {},
    others: async () => [],
    env: {},
    ...overrides,
  }
}
