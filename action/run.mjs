// The GitHub Action's entry point (action.yml runs it with the inputs as INPUT_* variables, as the runner does for
// JavaScript actions). It installs the requested outfit (unless OUTFIT_BIN names one already installed), runs it,
// and reports through the runner's files: GITHUB_OUTPUT (result, drift, exit-code) and GITHUB_STEP_SUMMARY.
// Plain ESM JavaScript on purpose: a runner has Node but no build step for an action's own code.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { appendFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** What `npm install` gets for the `version` input: a version, range or tag of outfit-cli, or a spec npm accepts. */
export function packageSpec(version) {
  const v = (version ?? '').trim() || 'latest'
  return /^(latest|next|[\dxX*^~<>=v][\w.*^~<>=| -]*)$/.test(v) ? `outfit-cli@${v}` : v
}

/** The outfit arguments for the inputs: `plan --check --frozen` or `install --frozen --yes`, always with --json. */
export function outfitArgs(input, json = true) {
  const mode = (input.mode || 'check').trim()
  if (mode !== 'check' && mode !== 'install')
    throw new Error(`input 'mode' must be check or install, not '${mode}'`)
  const tools = (input.tools ?? '').split(/[\s,]+/).filter(Boolean)
  const args = mode === 'check' ? ['plan', '--check', '--frozen'] : ['install', '--frozen', '--yes']
  if (tools.length === 1 && (tools[0] === 'all' || tools[0] === 'detected')) args.push(`--${tools[0]}`)
  else args.push(...tools)
  if (input.kit?.trim()) args.push('--kit', input.kit.trim())
  args.push('--scope', (input.scope || 'project').trim())
  if (json) args.push('--json')
  return args
}

function installOutfit(version) {
  const prefix = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'outfit-action-'))
  const spec = packageSpec(version)
  const npm = spawnSync(
    'npm',
    ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', prefix, spec],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  )
  if (npm.status !== 0) throw new Error(`npm install ${spec} failed (exit ${npm.status})`)
  return join(prefix, 'node_modules', '.bin', 'outfit')
}

function runOutfit(bin, args) {
  // A script path (a checkout's dist/cli/run.cjs) runs under this Node; an installed bin runs as it is.
  const [command, argv] = /\.[cm]?js$/.test(bin) ? [process.execPath, [bin, ...args]] : [bin, args]
  const result = spawnSync(command, argv, {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.error) throw result.error
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr }
}

function setOutput(name, value) {
  const file = process.env.GITHUB_OUTPUT
  if (!file) return
  const delimiter = `outfit_${randomBytes(8).toString('hex')}`
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`)
}

function summarize(lines) {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (file) appendFileSync(file, `${lines.join('\n')}\n`)
}

/** A fenced block that no line of `text` can close early. */
function fenced(text, lang) {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((t) => t.length))
  const fence = '`'.repeat(longest + 1)
  const capped =
    text.length > 60_000 ? `${text.slice(0, 60_000)}\n… (cut; the full plan is in the job log)` : text
  return [`${fence}${lang}`, capped.trimEnd(), fence]
}

/** Whether outfit's --json output is a plan in which some tool would change. */
export function planChanges(stdout) {
  try {
    const doc = JSON.parse(stdout)
    return (
      doc.command === 'plan' &&
      Array.isArray(doc.tools) &&
      doc.tools.some((t) => (t.changes?.length ?? 0) > 0 || t.status === 'updated')
    )
  } catch {
    return false
  }
}

function main() {
  const input = {
    mode: process.env.INPUT_MODE,
    tools: process.env.INPUT_TOOLS,
    kit: process.env.INPUT_KIT,
    scope: process.env.INPUT_SCOPE,
  }
  const bin = process.env.OUTFIT_BIN || installOutfit(process.env.INPUT_VERSION)
  const check = (input.mode || 'check').trim() === 'check'
  const result = runOutfit(bin, outfitArgs(input))
  process.stderr.write(result.stderr)
  setOutput('result', result.stdout.trim())
  setOutput('exit-code', String(result.code))
  if (check) {
    // Exit 1 is also a failure (a kit that cannot be fetched): drift is a plan document with changes.
    const drift = result.code === 1 && planChanges(result.stdout)
    setOutput('drift', String(drift))
    if (drift) {
      // The same plan as text, with its diffs, for people reading the job summary.
      const text = runOutfit(bin, outfitArgs(input, false))
      process.stdout.write(text.stdout)
      summarize([
        '## outfit: the kit is not installed as locked',
        '',
        'An `outfit install` would change these files. Run `outfit install` locally and commit, or `outfit update` to move the lock.',
        '',
        ...fenced(text.stdout, 'diff'),
      ])
    } else if (result.code === 0) summarize(['## outfit: the kit is installed as locked'])
    else summarize(['## outfit failed', '', ...fenced(result.stderr, 'text')])
  } else {
    process.stdout.write(`${result.stdout}\n`)
    summarize([
      result.code === 0 ? '## outfit: the kit is installed' : '## outfit install failed',
      ...(result.code === 0 ? [] : ['', ...fenced(result.stderr, 'text')]),
    ])
  }
  process.exitCode = result.code
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    main()
  } catch (error) {
    // A workflow command: the runner shows it as an error annotation on the step.
    process.stdout.write(`::error title=outfit::${String(error instanceof Error ? error.message : error)}\n`)
    process.exitCode = 2
  }
}
