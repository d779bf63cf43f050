// `outfit init`: scaffold a kit or a target. Never overwrites: if any file it would create exists, nothing is written.
import { basename, dirname, join, resolve } from 'node:path'
import { ConflictError, UsageError } from '../errors.js'
import { exists, type Fs } from '../fs/fs.js'
import { kebabName, scaffoldKit } from '../init/scaffold-kit.js'
import { scaffoldTarget } from '../init/scaffold-target.js'
import { schemaRefFor } from '../init/schema-ref.js'
import { readConfig } from './workspace.js'

const ID = /^[a-z0-9][a-z0-9-]*$/

export interface InitRequest {
  fs: Fs
  /** Relative paths start here. */
  cwd: string
  /** `kit` (name: its folder, default .) or `target` (name: its id). */
  kind: string
  name?: string
  /** Where `init target` writes <id>.yaml (default: the config file's first targets folder, else ./targets). */
  dir?: string
  /** The config file (default: the nearest outfit.config.yaml). */
  config?: string
}

/** `init`: the files created, and the folder they went to (for what to do next). */
export async function init(
  request: InitRequest,
): Promise<{ kind: 'kit' | 'target'; created: string[]; folder: string }> {
  const { fs, cwd, kind, name } = request
  if (kind === 'kit') {
    if (request.dir !== undefined)
      throw new UsageError('`init kit` takes the folder as its argument: outfit init kit <dir>')
    const folder = resolve(cwd, name ?? '.')
    return { kind, created: await initKit(fs, folder), folder }
  }
  if (kind === 'target') {
    if (name === undefined)
      throw new UsageError('`init target` needs an id', { hint: 'e.g. outfit init target my-tool' })
    const config = request.dir === undefined ? await readConfig(request, request.config) : undefined
    const folder =
      request.dir !== undefined ? resolve(cwd, request.dir) : (config?.targets[0] ?? resolve(cwd, 'targets'))
    return { kind, created: await initTarget(fs, folder, name), folder }
  }
  throw new UsageError(`unknown init kind '${kind}'`, {
    hint: 'use `outfit init kit [dir]` or `outfit init target <id>`',
  })
}

export async function initKit(
  fs: Fs,
  dir: string,
  name = kebabName(basename(resolve(dir))),
): Promise<string[]> {
  if (!ID.test(name))
    throw new UsageError(`invalid kit name '${name}'`, {
      hint: 'use lowercase letters, digits and dashes, e.g. my-kit',
    })
  const files = Object.entries(scaffoldKit(name, await schemaRefFor(fs, resolve(dir)))).map(
    ([path, content]) => [join(dir, path), content] as const,
  )
  return createAll(fs, files)
}

export async function initTarget(fs: Fs, dir: string, id: string): Promise<string[]> {
  if (!ID.test(id))
    throw new UsageError(`invalid target id '${id}'`, {
      hint: 'use lowercase letters, digits and dashes, e.g. my-tool',
    })
  return createAll(fs, [[join(dir, `${id}.yaml`), scaffoldTarget(id, await schemaRefFor(fs, resolve(dir)))]])
}

// --- internal ---

async function createAll(fs: Fs, files: (readonly [string, string])[]): Promise<string[]> {
  const taken = []
  for (const [path] of files) if (await exists(fs, path)) taken.push(path)
  if (taken.length > 0) {
    throw new ConflictError(
      `${taken.length === 1 ? `${taken[0]} already exists` : `${taken.length} files already exist: ${taken.join(', ')}`}; nothing was written`,
      {
        hint: 'choose another folder or name; init never overwrites',
      },
    )
  }
  const created: string[] = []
  try {
    for (const [path, content] of files) {
      await fs.mkdir(dirname(path), { recursive: true })
      // 'wx' closes the gap between the check above and the write: a file that appeared meanwhile is not replaced.
      await fs.writeFile(path, content, { flag: 'wx' })
      created.push(path)
    }
  } catch (error) {
    for (const path of created.reverse()) await fs.unlink(path).catch(() => {})
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new ConflictError(
        `${(error as NodeJS.ErrnoException).path ?? 'a file'} appeared while writing; nothing was kept`,
      )
    throw error
  }
  return created
}
