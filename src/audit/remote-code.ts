// Commands that fetch code from the network and run it, in a hook's shell command or an MCP server's command line:
// a script piped into a shell (`curl … | sh`, `bash <(curl …)`, `iex (iwr …)`), and a package runner (npx, npm exec,
// pnpm dlx, yarn dlx, bunx, uvx, uv tool run, pipx run) given a package without an exact version, which runs
// whatever release is newest when the tool starts. The command is read the way a shell splits words, closely enough
// to find these forms wherever they stand (after `sh -c`, `cmd /c`, `&&`, inside `$(…)`), without running anything.

export interface CommandFinding {
  rule: 'pipe-to-shell' | 'unpinned-package'
  /** UTF-16 offsets of the offending part in the command text. */
  start: number
  end: number
  /** What was found, e.g. `npx -y some-server` runs 'some-server' without an exact version. */
  what: string
}

/** The remote-code findings of one command text (a hook command, or an MCP server's command and args joined). */
export function commandFindings(command: string): CommandFinding[] {
  return [...pipedScripts(command), ...unpinnedRunners(command)].sort((a, b) => a.start - b.start)
}

// --- internal ---

const FETCH = String.raw`(?:curl|wget|aria2c|iwr|irm|invoke-webrequest|invoke-restmethod)(?:\.exe)?`
const SHELL = String.raw`(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+(?:\S+=\S*\s+)*)?(?:\S*/)?(?:(?:ba|z|da|k|c|tc|fi|a)?sh|python[\d.]*|node|perl|ruby|php|pwsh|powershell|iex|invoke-expression|source)\b`

const PIPED: { re: RegExp; what: string }[] = [
  // curl … | sh, wget -qO- … | sudo bash, irm … | iex
  {
    re: new RegExp(String.raw`\b${FETCH}\b[^|;\n]*\|\s*${SHELL}`, 'gi'),
    what: 'pipes a downloaded script into',
  },
  // bash <(curl …), source <(curl …), . <(curl …)
  {
    re: new RegExp(String.raw`(?:(?<![\w.-])\.|\bsource|\b(?:ba|z|da|k)?sh)\s+<\(\s*${FETCH}\b`, 'gi'),
    what: 'runs a downloaded script through',
  },
  // sh -c "$(curl …)", eval "$(wget …)", eval `curl …`
  {
    re: new RegExp(String.raw`\b(?:(?:ba|z|da|k)?sh\s+-\w*c|eval)\s+["']?(?:\$\(|\x60)\s*${FETCH}\b`, 'gi'),
    what: 'runs a downloaded script through',
  },
  // iex (iwr …), Invoke-Expression (New-Object Net.WebClient).DownloadString(…)
  {
    re: new RegExp(
      String.raw`\b(?:iex|invoke-expression)\b[\s(&$]*(?:${FETCH}|new-object\s+(?:system\.)?net\.webclient)\b`,
      'gi',
    ),
    what: 'runs a downloaded script through',
  },
]

function pipedScripts(command: string): CommandFinding[] {
  const out: CommandFinding[] = []
  for (const { re, what } of PIPED)
    for (const m of command.matchAll(re)) {
      const start = m.index
      // One form can contain another (`iwr … | iex` is also `… iex (iwr`): report the place once.
      if (out.some((f) => start < f.end && f.start < start + m[0].length)) continue
      out.push({
        rule: 'pipe-to-shell',
        start,
        end: start + m[0].length,
        what: `\`${oneLine(m[0])}\` ${what} a shell`,
      })
    }
  return out
}

interface Word {
  text: string
  start: number
  end: number
}

/** Words as a shell splits them, quotes dropped; a separator (`;`, `&`, `|`, parentheses, backquote) ends a command. */
function commands(command: string): Word[][] {
  const out: Word[][] = [[]]
  // Quotes and backquotes written as \x22, \x27, \x60: test/targets/yaml-only.test.ts reads strings out of this file.
  const re = /[;&|()\x60\n]|[^\s;&|()\x60\n\x22\x27]+|[\x22\x27]/g
  for (const m of command.matchAll(re)) {
    const text = m[0]
    if (/^[;&|()\x60\n]$/.test(text)) {
      out.push([])
      continue
    }
    if (text === '\x22' || text === '\x27') continue
    const current = out[out.length - 1]
    const previous = current?.[current.length - 1]
    // `"pkg"@1.2.3` and `--package="x"` are one word to a shell: glue pieces that touch.
    if (previous && previous.end === m.index) {
      previous.text += text
      previous.end = m.index + text.length
    } else current?.push({ text, start: m.index, end: m.index + text.length })
  }
  return out
}

interface Runner {
  /** How many words name the runner (`npx` 1, `npm exec` 2). */
  words: (words: Word[], i: number) => number
  ecosystem: 'npm' | 'python'
  /** Options that take a value (the next word, or `--opt=value`). */
  valued: Set<string>
  /** Options whose value is the package spec; the first word that is not an option is then the command to run. */
  packageOptions: Set<string>
  /** Options whose value is another package fetched beside it (`uvx --with`). */
  extraOptions: Set<string>
  /** Options under which nothing is fetched. */
  offline: Set<string>
}

const base = (w: Word | undefined) => (w?.text ?? '').replace(/^.*[\\/]/, '').replace(/\.(cmd|exe)$/i, '')

const NPM_VALUED = new Set([
  '-p',
  '--package',
  '-c',
  '--call',
  '--registry',
  '--cache',
  '--userconfig',
  '-w',
  '--workspace',
  '--prefix',
])
const NPM: Omit<Runner, 'words'> = {
  ecosystem: 'npm',
  valued: NPM_VALUED,
  packageOptions: new Set(['-p', '--package']),
  extraOptions: new Set(),
  offline: new Set(['--no-install', '--offline', '--no']),
}
const UV: Omit<Runner, 'words'> = {
  ecosystem: 'python',
  valued: new Set([
    '--from',
    '--with',
    '--with-editable',
    '--with-requirements',
    '--python',
    '-p',
    '--index',
    '--default-index',
    '--index-url',
    '-i',
    '--extra-index-url',
    '--find-links',
    '-f',
    '--constraints',
    '-c',
    '--directory',
    '--project',
    '--config-file',
    '--cache-dir',
  ]),
  packageOptions: new Set(['--from']),
  extraOptions: new Set(['--with']),
  offline: new Set(['--offline']),
}
const PIPX: Omit<Runner, 'words'> = {
  ecosystem: 'python',
  valued: new Set(['--spec', '--python', '--index-url', '-i', '--pip-args', '--backend']),
  packageOptions: new Set(['--spec']),
  extraOptions: new Set(),
  offline: new Set(),
}

const RUNNERS: Runner[] = [
  { ...NPM, words: (w, i) => (['npx', 'bunx', 'pnpx'].includes(base(w[i])) ? 1 : 0) },
  {
    ...NPM,
    words: (w, i) =>
      (base(w[i]) === 'npm' && ['exec', 'x'].includes(w[i + 1]?.text ?? '')) ||
      (['pnpm', 'yarn'].includes(base(w[i])) && w[i + 1]?.text === 'dlx') ||
      (base(w[i]) === 'bun' && w[i + 1]?.text === 'x')
        ? 2
        : 0,
  },
  {
    ...UV,
    words: (w, i) =>
      base(w[i]) === 'uvx'
        ? 1
        : base(w[i]) === 'uv' && w[i + 1]?.text === 'tool' && w[i + 2]?.text === 'run'
          ? 3
          : 0,
  },
  { ...PIPX, words: (w, i) => (base(w[i]) === 'pipx' && w[i + 1]?.text === 'run' ? 2 : 0) },
]

function unpinnedRunners(command: string): CommandFinding[] {
  const out: CommandFinding[] = []
  for (const words of commands(command))
    for (let i = 0; i < words.length; i++)
      for (const runner of RUNNERS) {
        const n = runner.words(words, i)
        if (n === 0 || !atCommandPosition(words, i)) continue
        const head = words[i]
        const specs = packageSpecs(runner, words.slice(i + n))
        for (const spec of specs ?? [])
          if (!pinned(runner.ecosystem, spec.text) && head)
            out.push({
              rule: 'unpinned-package',
              start: spec.start,
              end: spec.end,
              what: `\`${words
                .slice(i, i + n)
                .map((w) => w.text)
                .join(' ')}\` runs '${spec.text}' without an exact version`,
            })
      }
  return out
}

// Words that run the next word as a command (`sudo npx …`, `sh -c 'npx …'`, `cmd /c npx …`): quotes are dropped,
// so `echo "use npx x"` must not count while `sh -c "npx x"` does.
const WRAPPERS = new Set(['sudo', 'env', 'exec', 'time', 'nohup', 'command', 'nice'])
const RUNS_NEXT = new Set(['-c', '-lc', '-ic', '-ec', '/c', '/C', '/k', '/K', '-Command', '-command', '-C'])

function atCommandPosition(words: Word[], i: number): boolean {
  let j = i - 1
  const skippable = (w: string) => /^\w+=/.test(w) || (w.startsWith('-') && !RUNS_NEXT.has(w))
  while (j >= 0 && skippable(words[j]?.text ?? '')) j--
  const before = words[j]
  return before === undefined || WRAPPERS.has(base(before)) || RUNS_NEXT.has(before.text)
}

/** The package specs a runner fetches (undefined: nothing is fetched). */
function packageSpecs(runner: Runner, words: Word[]): Word[] | undefined {
  const named: Word[] = []
  const extras: Word[] = []
  let positional: Word | undefined
  for (let i = 0; i < words.length; i++) {
    const word = words[i]
    if (!word) break
    if (word.text === '--') {
      positional = words[i + 1]
      break
    }
    if (!word.text.startsWith('-') || word.text === '-') {
      positional = word
      break
    }
    const [name = '', inline] = splitOption(word.text)
    if (runner.offline.has(name)) return undefined
    if (!runner.valued.has(name)) continue
    const value: Word | undefined =
      inline === undefined ? words[++i] : { text: inline, start: word.end - inline.length, end: word.end }
    if (!value) break
    if (runner.packageOptions.has(name)) named.push(value)
    if (runner.extraOptions.has(name)) extras.push(value)
  }
  // With --package / --from / --spec, the first plain word is the command to run from it, not a package.
  return [...extras, ...(named.length > 0 ? named : positional ? [positional] : [])]
}

function splitOption(text: string): [string, string?] {
  const eq = text.indexOf('=')
  return eq > 0 && text.startsWith('--') ? [text.slice(0, eq), text.slice(eq + 1)] : [text]
}

const NPM_EXACT = /^(?:@[\w.-]+\/)?[\w.-]+@v?\d+\.\d+\.\d+(?:-[\w.-]+)?(?:\+[\w.-]+)?$/
const PY_EXACT = /^[\w.-]+(?:\[[\w,.\s-]+\])?\s*(?:===?|@)\s*v?\d[\w.!+-]*$/
const GIT_COMMIT = /^(?:git\+|github:|gitlab:|bitbucket:)\S*[#@][0-9a-f]{40}$/i

/** An exact version, a commit, a local path, or something outfit cannot judge (a variable): not reported. */
function pinned(ecosystem: 'npm' | 'python', spec: string): boolean {
  if (/^(?:\.{1,2}[\\/]|[\\/~]|file:|[A-Za-z]:\\)/.test(spec) || spec.includes('$')) return true
  if (GIT_COMMIT.test(spec)) return true
  return ecosystem === 'npm' ? NPM_EXACT.test(spec) : PY_EXACT.test(spec)
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat
}
