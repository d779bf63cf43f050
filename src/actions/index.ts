// The registry of built-in actions. Targets name them in YAML; adding a tool never needs TypeScript.
import type { InverseActionName, RunActionName } from '../types.js'
import { block, unblock } from './block.js'
import { copy } from './copy.js'
import { jsonMerge } from './json-merge.js'
import { jsonUnmerge } from './json-unmerge.js'
import { manifest, unmanifest } from './manifest.js'
import { mkdir, rmdir } from './mkdir.js'
import { remove } from './remove.js'
import { symlink, unlink } from './symlink.js'
import { tomlMerge, tomlUnmerge } from './toml-merge.js'
import type { Action, InverseAction } from './types.js'
import { write } from './write.js'
import { yamlMerge } from './yaml-merge.js'
import { yamlUnmerge } from './yaml-unmerge.js'

export const actions = {
  mkdir,
  write,
  copy,
  symlink,
  'json-merge': jsonMerge,
  'toml-merge': tomlMerge,
  'yaml-merge': yamlMerge,
  block,
  manifest,
} satisfies Record<RunActionName, Action<never>>

export const inverses = {
  rmdir,
  remove,
  unlink,
  'json-unmerge': jsonUnmerge,
  'toml-unmerge': tomlUnmerge,
  'yaml-unmerge': yamlUnmerge,
  unblock,
  unmanifest,
} satisfies Record<InverseActionName, InverseAction>

export function getAction(name: string): Action<unknown> | undefined {
  return Object.hasOwn(actions, name) ? (actions[name as RunActionName] as Action<unknown>) : undefined
}

export function getInverse(name: string): InverseAction | undefined {
  return Object.hasOwn(inverses, name) ? inverses[name as InverseActionName] : undefined
}
