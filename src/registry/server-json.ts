// A registry server (server.json, MCP Registry schema 2025-09-29 / 2025-10-17) turned into the kit's tool-neutral
// server: the command line that runs one of its packages at exactly the published version, or its remote endpoint.
// Variables the server declares secret or required (and without a default) become `${NAME}` references the user must
// set — never values — so every target writes them in its tool's own syntax and warns when one is unset.
// Sources: modelcontextprotocol/registry docs/reference/server-json/generic-server-json.md and server.schema.json.
import type { McpServer, RegistryChoice, RegistryRequest } from '../types.js'

export interface RegistryInput {
  name?: string
  value?: string
  default?: string
  valueHint?: string
  description?: string
  isRequired?: boolean
  isSecret?: boolean
  isRepeated?: boolean
  type?: 'positional' | 'named'
  variables?: Record<string, RegistryInput>
}

export interface RegistryPackage {
  registryType: string
  registryBaseUrl?: string
  identifier: string
  version?: string
  fileSha256?: string
  runtimeHint?: string
  transport?: { type: string; url?: string }
  runtimeArguments?: RegistryInput[]
  packageArguments?: RegistryInput[]
  environmentVariables?: RegistryInput[]
}

export interface RegistryRemote {
  type: string
  url: string
  headers?: RegistryInput[]
}

export interface ServerJson {
  name: string
  version: string
  description?: string
  packages?: RegistryPackage[]
  remotes?: RegistryRemote[]
}

/** What a kit entry may say beside `registry:` (see mcp.schema.json). */
export type RegistryOverrides = Omit<RegistryRequest, 'kitName' | 'spec'>

/** What outfit.lock pins of a resolved registry server: enough to rebuild the entry and to see any drift. */
export interface RegistryPin {
  name: string
  version: string
  via: RegistryChoice
  identifier?: string
  packageVersion?: string
  sha256?: string
  url?: string
}

export class RegistryServerError extends Error {}

/** The kit server for one registry server, and the pin that records it. */
export function toKitServer(
  kitName: string,
  server: ServerJson,
  overrides: RegistryOverrides = {},
): { server: McpServer; pin: RegistryPin } {
  const choice = overrides.package
  const remote = server.remotes?.find((r) => r.type === 'streamable-http' || r.type === 'sse')
  const pkg = server.packages?.find(
    (p) => (choice === undefined || p.registryType === choice) && (p.transport?.type ?? 'stdio') === 'stdio',
  )
  const pin = { name: server.name, version: server.version }
  if (choice === 'remote' || (choice === undefined && !pkg && remote)) {
    if (!remote) throw new RegistryServerError(`${server.name}@${server.version} has no remote endpoint`)
    const headers = { ...inputsAsMap(remote.headers, `header`), ...overrides.headers }
    return {
      server: {
        name: kitName,
        url: remote.url,
        ...(remote.type === 'sse' ? { transport: 'sse' as const } : {}),
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
      },
      pin: { ...pin, via: 'remote', url: remote.url },
    }
  }
  if (!pkg)
    throw new RegistryServerError(
      `${server.name}@${server.version} has no ${choice ? `${choice} package` : 'package or remote endpoint'} outfit can run${
        server.packages?.length ? ` (it has: ${server.packages.map((p) => p.registryType).join(', ')})` : ''
      }`,
    )
  const packageArgs = overrides.args ?? argsOf(pkg.packageArguments, server)
  const runtimeArgs = argsOf(pkg.runtimeArguments, server)
  const launch = commandLine(pkg, runtimeArgs, packageArgs, server)
  const env = { ...inputsAsMap(pkg.environmentVariables, 'variable'), ...overrides.env }
  return {
    server: {
      name: kitName,
      command: launch.command,
      args: launch.args,
      ...(Object.keys(env).length > 0 ? { env } : {}),
    },
    pin: {
      ...pin,
      via: pkg.registryType as RegistryChoice,
      identifier: pkg.identifier,
      ...(pkg.version ? { packageVersion: pkg.version } : {}),
      ...(pkg.fileSha256 ? { sha256: pkg.fileSha256 } : {}),
    },
  }
}

// --- internal ---

/** How each package type is started at its exact version (the runtime the registry documents for it). */
function commandLine(
  pkg: RegistryPackage,
  runtimeArgs: string[],
  packageArgs: string[],
  server: ServerJson,
): { command: string; args: string[] } {
  const at = pkg.version
  switch (pkg.registryType) {
    case 'npm':
      return {
        command: pkg.runtimeHint ?? 'npx',
        args: [...runtimeArgs, '-y', at ? `${pkg.identifier}@${at}` : pkg.identifier, ...packageArgs],
      }
    case 'pypi':
      return {
        command: pkg.runtimeHint ?? 'uvx',
        args: [...runtimeArgs, at ? `${pkg.identifier}==${at}` : pkg.identifier, ...packageArgs],
      }
    case 'nuget':
      return {
        command: pkg.runtimeHint ?? 'dnx',
        args: [
          ...runtimeArgs,
          at ? `${pkg.identifier}@${at}` : pkg.identifier,
          '--yes',
          ...(packageArgs.length > 0 ? ['--', ...packageArgs] : []),
        ],
      }
    case 'oci':
      // The identifier carries the tag (or digest) the publisher registered; `-i` keeps stdio open for MCP.
      return {
        command: pkg.runtimeHint ?? 'docker',
        args: ['run', '-i', '--rm', ...runtimeArgs, pkg.identifier, ...packageArgs],
      }
    default:
      throw new RegistryServerError(
        `${server.name}@${server.version}: outfit cannot run a ${pkg.registryType} package; choose another with package:`,
      )
  }
}

/** Arguments: fixed values, defaults, or `${VAR}` for a required one the user must give; optional ones left out. */
function argsOf(inputs: RegistryInput[] | undefined, server: ServerJson): string[] {
  const out: string[] = []
  for (const input of inputs ?? []) {
    const value = input.value ?? input.default ?? (input.isRequired ? variableFor(input, server) : undefined)
    if (value === undefined) continue
    const filled = fillVariables(value, input.variables, server)
    if (input.type === 'named' && input.name) out.push(input.name, filled)
    else out.push(filled)
  }
  return out
}

/** Environment variables or headers: required or secret ones without a default become references; defaults are kept. */
function inputsAsMap(inputs: RegistryInput[] | undefined, what: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const input of inputs ?? []) {
    if (!input.name) continue
    if (input.value !== undefined) out[input.name] = input.value
    else if (input.isSecret || (input.isRequired && input.default === undefined))
      out[input.name] = what === 'header' ? `\${${envName(input.name)}}` : `\${${input.name}}`
  }
  return out
}

/** `{placeholder}` in a value: a default, else a `${VAR}` the user must set. */
function fillVariables(
  value: string,
  variables: Record<string, RegistryInput> | undefined,
  server: ServerJson,
): string {
  return value.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const variable = variables?.[name]
    if (!variable) return whole
    return variable.default ?? variable.value ?? variableFor({ ...variable, valueHint: name }, server)
  })
}

function variableFor(input: RegistryInput, server: ServerJson): string {
  const hint = input.valueHint ?? input.name
  if (!hint)
    throw new RegistryServerError(
      `${server.name}@${server.version} needs an argument it does not name; give the server's args: in mcp.yaml`,
    )
  return `\${${envName(hint)}}`
}

/** An environment variable name for a header or argument hint: `X-API-Key` → `X_API_KEY`. */
function envName(hint: string): string {
  return hint
    .replace(/^-+/, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase()
}
