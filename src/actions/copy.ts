// copy: kit files matching a glob → the scope, each through the step's transforms and rename template. Inverse: remove.
import { join } from 'node:path'
import { matcher } from '../glob.js'
import type { CopyParams } from '../generated/target.js'
import type { Fs } from '../fs/fs.js'
import { MAX_KIT_FILE_BYTES, readBounded } from '../fs/read-bounded.js'
import { checkFrontmatter } from '../transforms/markdown.js'
import { applyTransforms, transformsFor } from '../transforms/apply.js'
import { itemVariables, makeItem, type Item } from '../transforms/item.js'
import { holdsFor } from '../transforms/file-when.js'
import { copyAccepts } from '../transforms/accepted-keys.js'
import { acceptedOverrides, overridesFor, targetingOf } from '../transforms/targeting.js'
import { writeOwnedFile } from './owned-file.js'
import { render, resolveDest } from './resolve.js'
import { bytesOf, kitFileText, readKitFileOnce, type KitFile } from './kit-file.js'
import type { Action } from './types.js'

export const copy: Action<CopyParams> = {
  name: 'copy',
  description: 'Copy kit files into the scope, transforming each one.',
  inverse: 'remove',
  async run(params, ctx) {
    const patterns = Array.isArray(params.from) ? params.from : [params.from]
    const base = params.base ?? staticBase(patterns[0] ?? '')
    const isMatch = matcher(patterns, { dot: false })
    const matches = await selected(
      ctx.kit.files.filter((f) => isMatch(f)),
      params,
      ctx,
    )
    let done = 0
    for (const file of matches) {
      const relPath = base === '' ? file : file.slice(base.length + 1)
      const source = join(ctx.kit.dir, file)
      const kitFile = await readKitFileOnce(ctx, source)
      const transforms = transformsFor(relPath, params.transform ?? [])
      const overrides = stepOverrides(file, relPath, params, ctx)
      // A file copied as it is still loses its `outfit:` block (makeItem takes it out): only items can have one.
      const verbatim = transforms.length === 0 && !overrides && !mayHoldOutfitBlock(file, kitFile)
      const needsText = !verbatim || params.rename !== undefined
      const item = needsText ? kitItem(relPath, source, kitFile) : undefined
      const vars = item ? itemVariables(item) : { 'item.path': relPath }
      const dest = await resolveDest(
        ctx,
        join(params.to, params.rename === undefined ? relPath : render(ctx, params.rename, vars)),
      )
      const output = !item
        ? bytesOf(kitFile)
        : transforms.length > 0 || overrides
          ? applyTransforms(item, transforms, (t, v) => render(ctx, t, v), overrides)
          : verbatim || item.content === kitFileText(kitFile, source)
            ? bytesOf(kitFile)
            : item.content
      await writeOwnedFile(ctx, dest, output, await scriptMode(ctx, file, source))
      done++
      ctx.progress?.(done, matches.length)
    }
    if (matches.length === 0) ctx.log.info(`nothing in the kit matches ${patterns.join(', ')}`)
  },
}

/**
 * A kit file as a template item; a frontmatter error is one line at its position in the file. `file` (the run's
 * copy of the file, see kit-file.ts) keeps the decoded text and parsed frontmatter for the other tools.
 */
export function kitItem(path: string, source: string, file: KitFile): Item {
  const text = kitFileText(file, source)
  try {
    return makeItem(path, text, source, file)
  } catch (error) {
    const located = checkFrontmatter(source, text)[0]
    // The YAML library's message is replaced on purpose: its position is inside the frontmatter and spans lines.
    // eslint-disable-next-line preserve-caught-error
    if (located) throw new Error(`${located.file}:${located.line}:${located.column}: ${located.message}`)
    throw error
  }
}

/** Only a regular file, at most MAX_KIT_FILE_BYTES: the limit holds wherever a kit file is read. */
export async function readKitFile(fs: Fs, source: string): Promise<Uint8Array> {
  return readBounded(fs, source, MAX_KIT_FILE_BYTES, 'kit files')
}

/** `agents/*.md` → `agents`; `skills/**` → `skills`: the part of a glob before its first wildcard segment. */
export function staticBase(pattern: string): string {
  const segments = pattern.split('/')
  const out: string[] = []
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[\]{}!]/.test(segment)) break
    out.push(segment)
  }
  return out.join('/')
}

// --- internal ---

/** The item's overrides for this tool that this step takes; the others are reported as not installed. */
function stepOverrides(
  file: string,
  relPath: string,
  params: CopyParams,
  ctx: Parameters<typeof copy.run>[1],
): Record<string, unknown> | undefined {
  // Only the item's own file (an agent, a SKILL.md) has keys to override: a skill's other files are copied as they are.
  if (!/\.(md|mdc|markdown)$/i.test(file) || (file.startsWith('skills/') && !file.endsWith('/SKILL.md')))
    return undefined
  const own = overridesFor(targetingOf(ctx.kit, file), ctx.tool.id)
  const { accepted, refused } = acceptedOverrides(
    own,
    copyAccepts({ ...params, transform: transformsFor(relPath, params.transform ?? []) }),
  )
  for (const key of refused)
    ctx.log.drop(`override '${key}' of ${file}`, `${ctx.tool.name} does not take '${key}' here`)
  return accepted
}

/** A Markdown item whose text names `outfit`: parsed to see whether its frontmatter has the block. */
function mayHoldOutfitBlock(file: string, kitFile: KitFile): boolean {
  if (!/\.(md|mdc|markdown)$/i.test(file)) return false
  if (kitFile.doc) return Object.hasOwn(kitFile.doc.frontmatter, 'outfit')
  const text = kitFile.text ?? ''
  if (kitFile.text !== undefined) return /^outfit\s*:/m.test(text)
  return Buffer.from(kitFile.bytes ?? new Uint8Array()).includes('outfit')
}

// A skill's script (`scripts/run.sh`, mode 755 in the kit) must stay runnable where the tool reads it: the agent runs
// it by its path. Only a file with an executable bit passes its mode on (without group and other write); any other
// file is written with the default mode, as before. Markdown files are items, never scripts, so they cost no stat.
const modes = new WeakMap<object, Map<string, Promise<number | undefined>>>()

function scriptMode(
  ctx: Parameters<typeof copy.run>[1],
  file: string,
  source: string,
): Promise<number | undefined> {
  if (/\.(md|mdc|markdown)$/i.test(file)) return Promise.resolve(undefined)
  let seen = modes.get(ctx.run)
  if (!seen) modes.set(ctx.run, (seen = new Map()))
  let mode = seen.get(source)
  if (!mode) {
    mode = ctx.fs.stat(source).then((st) => {
      const bits = Number(st.mode) & 0o777
      return (bits & 0o111) !== 0 ? bits & 0o755 : undefined
    })
    seen.set(source, mode)
  }
  return mode
}

/** The matched files for which the step's `when` holds (all of them without one). */
async function selected(
  files: string[],
  params: CopyParams,
  ctx: Parameters<typeof copy.run>[1],
): Promise<string[]> {
  if (!params.when) return files
  const out: string[] = []
  for (const file of files) {
    const source = join(ctx.kit.dir, file)
    const kitFile = await readKitFileOnce(ctx, source)
    const item = kitItem(file, source, kitFile)
    if (holdsFor(params.when, item.doc.frontmatter)) out.push(file)
  }
  return out
}
