// `registry: <name>@<range>` in a kit's mcp.yaml → one exact registry version, pinned in outfit.lock like a kit:
// install keeps the pinned version while it still satisfies the range, `--frozen` refuses anything but the pin, and
// update moves to the newest version in range. Registry entries are immutable once published, so a pinned version
// whose package changed since is refused as tampering rather than followed.
import { createRequire } from 'node:module'
import type Semver from 'semver'
import { LockMismatchError, SourceError } from '../errors.js'
import type { McpServer, RegistryRequest } from '../types.js'
import type { RegistryClient, RegistryVersion } from './registry-client.js'
import { toKitServer, type RegistryPin } from './server-json.js'

// Loaded when a kit names a registry server: semver builds its few dozen regular expressions and comparators when it
// loads, a cost every outfit command would pay at start-up otherwise.
let loaded: typeof Semver | undefined
const semverLib = (): typeof Semver => (loaded ??= createRequire(import.meta.url)('semver') as typeof Semver)

export type RegistryMode = 'install' | 'frozen' | 'update'

export interface ResolvedRegistryServer {
  server: McpServer
  pin: RegistryPin
  /** Things the person should know (a deprecated version). */
  notes: string[]
}

/** Splits `name@range` at its last `@` (registry names hold none: they are reverse-DNS `namespace/name`). */
export function parseRegistrySpec(spec: string): { name: string; range: string } {
  const at = spec.lastIndexOf('@')
  const [name, range] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, '*']
  if (!/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/.test(name))
    throw new SourceError(
      `'${spec}' is not a registry server name (namespace/name, e.g. io.github.acme/server)`,
    )
  if (range !== 'latest' && semverLib().validRange(range) === null && !semverLib().valid(range))
    throw new SourceError(`'${range}' in '${spec}' is not a version or range`)
  return { name, range: range === 'latest' ? '*' : range }
}

export async function resolveRegistryServer(
  client: RegistryClient,
  request: RegistryRequest,
  mode: RegistryMode,
  pinned?: RegistryPin,
): Promise<ResolvedRegistryServer> {
  const { name, range } = parseRegistrySpec(request.spec)
  const usable = pinned?.name === name && satisfies(pinned.version, range) ? pinned : undefined
  if (mode === 'frozen' && !usable)
    throw new LockMismatchError(
      `MCP server '${request.kitName}' (${request.spec}) is ${pinned ? `locked at ${pinned.name}@${pinned.version}, outside the range` : 'not in outfit.lock'}`,
      { hint: 'run outfit install (or outfit update) without --frozen and commit outfit.lock' },
    )
  const chosen =
    mode !== 'update' && usable
      ? await client.version(name, usable.version)
      : newestInRange(await client.versions(name), name, range)
  const { server, pin } = toKitServer(request.kitName, chosen.server, request)
  if (mode !== 'update' && usable && !samePin(pin, usable))
    throw new SourceError(
      `the registry's ${name}@${usable.version} no longer matches outfit.lock (${describe(usable)} locked, ${describe(pin)} now)`,
      {
        hint: 'a published registry version should never change: check the registry, then outfit update to accept it',
      },
    )
  const notes =
    chosen.status === 'deprecated'
      ? [`MCP server '${request.kitName}': ${name}@${pin.version} is deprecated`]
      : []
  return { server, pin, notes }
}

// --- internal ---

function satisfies(version: string, range: string): boolean {
  if (range === '*') return true
  const semver = semverLib()
  return semver.valid(version)
    ? semver.satisfies(version, range, { includePrerelease: false })
    : version === range
}

/** The newest published (not deleted) version in range; an exact non-semver version matches only itself. */
function newestInRange(versions: RegistryVersion[], name: string, range: string): RegistryVersion {
  const live = versions.filter((v) => v.status !== 'deleted')
  const exact = live.find((v) => v.server.version === range)
  if (exact) return exact
  const semver = semverLib()
  const candidates = live.filter((v) => semver.valid(v.server.version) && satisfies(v.server.version, range))
  const best = candidates.sort((a, b) => semver.rcompare(a.server.version, b.server.version))[0]
  if (!best)
    throw new SourceError(`the MCP registry has no version of ${name} in '${range}'`, {
      hint: `its versions: ${live.map((v) => v.server.version).join(', ') || 'none'}`,
    })
  return best
}

function samePin(a: RegistryPin, b: RegistryPin): boolean {
  return describe(a) === describe(b)
}

function describe(pin: RegistryPin): string {
  return pin.via === 'remote'
    ? `remote ${pin.url}`
    : `${pin.via} ${pin.identifier}${pin.packageVersion ? `@${pin.packageVersion}` : ''}${pin.sha256 ? ` sha256:${pin.sha256}` : ''}`
}
