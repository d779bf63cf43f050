import { Volume, createFsFromVolume } from 'memfs'
import { describe, expect, it } from 'vitest'
import type { Fs } from '../../src/fs/fs.js'
import { loadKit } from '../../src/kit/load-kit.js'
import { renderDiagnostics } from '../../src/report/render.js'

function kitFs(files: Record<string, string | Buffer>): Fs {
  return createFsFromVolume(Volume.fromJSON(files as Record<string, string>)).promises as unknown as Fs
}

async function problems(files: Record<string, string | Buffer>): Promise<string[]> {
  const result = await loadKit(kitFs(files), '/kit')
  if (result.ok) return []
  return renderDiagnostics(result.diagnostics, { color: false, cwd: '/kit' })
}

describe('loadKit', () => {
  it('reads identity, MCP servers, hooks and the file list', async () => {
    const result = await loadKit(
      kitFs({
        '/kit/kit.yaml': 'name: demo\nversion: 1.2.3\nprefix: dm\n',
        '/kit/mcp.yaml':
          'servers:\n  fs:\n    command: npx\n    args: [a]\n  docs:\n    url: https://x.example/mcp\n',
        '/kit/hooks.yaml': 'hooks:\n  - event: postToolUse\n    matcher: Edit\n    command: fmt\n',
        '/kit/agents/a.md': '---\nname: a\n---\nbody\n',
        '/kit/skills/s/SKILL.md': 'x',
        '/kit/skills/s/ref/more.md': 'y',
        '/kit/.git/HEAD': 'ignored',
      }),
      '/kit',
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toMatchObject({ name: 'demo', version: '1.2.3', prefix: 'dm' })
    expect(result.value.mcp).toEqual([
      { name: 'fs', command: 'npx', args: ['a'] },
      { name: 'docs', url: 'https://x.example/mcp' },
    ])
    expect(result.value.hooks).toEqual([{ event: 'postToolUse', matcher: 'Edit', command: 'fmt' }])
    expect(result.value.files).toEqual(['agents/a.md', 'skills/s/SKILL.md', 'skills/s/ref/more.md'])
  })

  it.each([
    ['a missing kit.yaml', { '/kit/agents/a.md': 'x' }, ['kit.yaml:1:1  file not found']],
    [
      'a kit.yaml without version',
      { '/kit/kit.yaml': 'name: demo\n' },
      ["kit.yaml:1:1  missing required key 'version'"],
    ],
    [
      'an unknown key',
      { '/kit/kit.yaml': 'name: demo\nversion: 1.0.0\nauthor: me\n' },
      ["kit.yaml:3:1  unknown key 'author'"],
    ],
    [
      'a mistyped key, with the key it meant',
      { '/kit/kit.yaml': 'name: demo\nversion: 1.0.0\nprefx: dm\n' },
      ["kit.yaml:3:1  unknown key 'prefx'; did you mean 'prefix'?"],
    ],
    [
      'a YAML syntax error',
      { '/kit/kit.yaml': 'name: demo\nversion: [1.0.0\n' },
      [
        'kit.yaml:3:1  YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    ],
    [
      'a server with both command and url, and a bad hook event',
      {
        '/kit/kit.yaml': 'name: demo\nversion: 1.0.0\n',
        '/kit/mcp.yaml': 'servers:\n  both:\n    command: x\n    url: https://x.example\n',
        '/kit/hooks.yaml': 'hooks:\n  - event: afterEverything\n    command: x\n',
      },
      [
        "mcp.yaml:3:5  /servers/both: server 'both' is more than one kind; a server is local (command), remote (url) or from a registry (registry)",
        'hooks.yaml:2:12  /hooks/0/event: must be one of: "sessionStart", "sessionEnd", "userPromptSubmit", "preToolUse", "postToolUse", "stop", "subagentStop", "notification", "preCompact"',
      ],
    ],
    [
      'a kit.yaml that is not UTF-8',
      { '/kit/kit.yaml': Buffer.from([0xff, 0xfe, 0x00, 0x41]) },
      ['kit.yaml:1:1  is not valid UTF-8 text'],
    ],
  ])('reports %s with its position', async (_name, files, expected) => {
    expect(await problems(files)).toEqual(expected)
  })

  it('reports a missing kit directory', async () => {
    const result = await loadKit(kitFs({ '/other/x': '' }), '/kit')
    expect(result.ok ? [] : result.diagnostics.map((d) => d.message)).toEqual(['kit directory not found'])
  })
})

describe('loadKit with checkContent: every file read the way install reads it', () => {
  const base = { '/kit/kit.yaml': 'name: demo\nversion: 1.0.0\n' }
  async function contentProblems(files: Record<string, string | Buffer>): Promise<string[]> {
    const result = await loadKit(kitFs({ ...base, ...files }), '/kit', { checkContent: true })
    return result.ok ? [] : renderDiagnostics(result.diagnostics, { color: false, cwd: '/kit' })
  }

  it('reports broken frontmatter at its line and column in the file, not in the frontmatter', async () => {
    expect(
      await contentProblems({ '/kit/agents/a.md': '---\nname: a\ndescription: [unclosed\n---\nbody\n' }),
    ).toEqual([
      'agents/a.md:3:23  frontmatter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ])
    expect(await contentProblems({ '/kit/rules/r.md': '---\n- a list\n---\nbody\n' })).toEqual([
      'rules/r.md:2:1  frontmatter must be a YAML mapping (key: value lines)',
    ])
    expect(
      await contentProblems({ '/kit/commands/c.md': '---\ndescription: x\ndescription: y\n---\n' }),
    ).toEqual(['commands/c.md:3:1  frontmatter is not valid YAML: Map keys must be unique'])
  })

  it('reports Markdown that is not UTF-8, and files over the 10 MiB limit', async () => {
    expect(
      await contentProblems({
        '/kit/rules/r.md': Buffer.from([0x2d, 0xff, 0xfe]),
        '/kit/skills/s/big.bin': Buffer.alloc(10 * 1024 * 1024 + 1),
      }),
    ).toEqual([
      'rules/r.md:1:1  is not valid UTF-8 text',
      'skills/s/big.bin:1:1  is over 10 MiB; kit files over 10 MiB are refused',
    ])
  })

  it('does not read the content without checkContent (install reads it at its step)', async () => {
    const result = await loadKit(
      kitFs({ ...base, '/kit/agents/a.md': '---\ndescription: [x\n---\n' }),
      '/kit',
    )
    expect(result.ok).toBe(true)
  })

  it('skips symbolic links with a warning instead of silently', async () => {
    const vol = Volume.fromJSON({ ...base, '/kit/agents/a.md': 'x', '/elsewhere.md': 'y' })
    vol.symlinkSync('/elsewhere.md', '/kit/agents/link.md')
    const result = await loadKit(createFsFromVolume(vol).promises as unknown as Fs, '/kit', {
      checkContent: true,
    })
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics))
    expect(result.value.files).toEqual(['agents/a.md'])
    expect(renderDiagnostics(result.warnings, { color: false, cwd: '/kit' })).toEqual([
      'agents/link.md:1:1  warning skipped: a symbolic link; a kit installs only regular files (copy the file in instead)',
    ])
  })

  it('reports a YAML alias bomb in kit.yaml as a diagnostic, not a crash', async () => {
    let bomb = 'name: demo\nversion: 1.0.0\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n'
    for (let i = 1; i < 8; i++)
      bomb += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`
    const result = await loadKit(kitFs({ '/kit/kit.yaml': bomb }), '/kit')
    expect(result.ok ? [] : result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      expect.stringMatching(/^1:1 YAML aliases expand too far \(Excessive alias count/),
    ])
  })
})

describe('skills follow the Agent Skills format', () => {
  async function skillProblems(files: Record<string, string>): Promise<string[]> {
    const result = await loadKit(
      kitFs({ '/kit/kit.yaml': 'name: demo\nversion: 1.0.0\n', ...files }),
      '/kit',
      {
        checkContent: true,
      },
    )
    if (result.ok) return []
    return renderDiagnostics(result.diagnostics, { color: false, cwd: '/kit' })
  }

  it('passes a well-formed skill', async () => {
    expect(
      await skillProblems({
        '/kit/skills/release-notes/SKILL.md':
          '---\nname: release-notes\ndescription: Drafts release notes.\n---\nBody\n',
        '/kit/skills/release-notes/scripts/run.sh': 'echo\n',
      }),
    ).toEqual([])
  })

  it('locates each broken rule at file:line:col', async () => {
    const found = (
      await skillProblems({
        '/kit/skills/no-frontmatter/SKILL.md': '# Just text\n',
        '/kit/skills/bad-name/SKILL.md': '---\nname: Release Notes!\ndescription: x\n---\nBody\n',
        '/kit/skills/other/SKILL.md': '---\nname: something-else\n---\nBody\n',
        '/kit/skills/no-skill-md/notes.md': 'x\n',
      })
    ).join('\n')
    expect(found).toContain('skills/bad-name/SKILL.md:2:1')
    expect(found).toContain(
      "name 'Release Notes!' must be lowercase letters, digits and single hyphens, at most 64 characters (e.g. release-notes)",
    )
    expect(found).toContain('skills/no-frontmatter/SKILL.md:1:1')
    expect(found).toContain('SKILL.md needs frontmatter (---) with a name and a description')
    expect(found).toContain("name 'something-else' must be the skill folder's name, 'other'")
    expect(found).toContain('frontmatter needs a description')
    expect(found).toContain('skills/no-skill-md:1:1')
    expect(found).toContain('a skill folder needs a SKILL.md')
  })
})

describe('secrets written as literals in mcp.yaml', () => {
  const files = {
    '/kit/kit.yaml': 'name: demo\nversion: 1.0.0\n',
    '/kit/mcp.yaml':
      'servers:\n  gh:\n    command: npx\n    env:\n      GITHUB_TOKEN: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n      LOG: debug\n      REF: ${REF}\n  docs:\n    url: https://x.example/mcp\n    headers:\n      Authorization: Bearer abcdefghijklmnop1234567890\n',
  }

  it('are warned about at file:line:col, naming the key and the reference to write instead', async () => {
    const result = await loadKit(kitFs(files), '/kit', { checkContent: true })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const lines = renderDiagnostics(result.warnings, { color: false, cwd: '/kit' }).join('\n')
    expect(lines).toContain('mcp.yaml:5:21')
    expect(lines).toContain(
      "server 'gh' env.GITHUB_TOKEN holds what looks like a secret, written as a literal",
    )
    expect(lines).toContain('(${GITHUB_TOKEN})')
    expect(lines).toContain("server 'docs' headers.Authorization holds what looks like a secret")
    expect(lines).toContain('(Bearer ${AUTHORIZATION})')
    expect(lines).not.toContain('LOG')
    expect(lines).not.toContain('REF')
  })

  it('are refused under --strict', async () => {
    const result = await loadKit(kitFs(files), '/kit', { checkContent: true, strict: true })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.diagnostics.map((d) => d.pointer)).toEqual([
      '/servers/gh/env/GITHUB_TOKEN',
      '/servers/docs/headers/Authorization',
    ])
  })

  it('say nothing about the starter kit', async () => {
    const { realFs } = await import('../../src/fs/fs.js')
    const result = await loadKit(realFs, 'examples/starter-kit', { checkContent: true, strict: true })
    expect(result.ok && result.warnings).toEqual([])
  })
})

describe('validate on a kit and on a SKILL.md', () => {
  it('counts the files of a kit truthfully, and checks a SKILL.md as a skill with positions', async () => {
    const { runCli } = await import('../helpers/run-cli.js')
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = await mkdtemp(join(tmpdir(), 'outfit-validate-'))
    try {
      await writeFile(join(dir, 'kit.yaml'), 'name: k\nversion: 1.0.0\n')
      await mkdir(join(dir, 'skills', 'release-notes'), { recursive: true })
      await writeFile(
        join(dir, 'skills', 'release-notes', 'SKILL.md'),
        '---\nname: Release Notes!\n---\nBody\n',
      )
      const kit = await runCli(['validate', join(dir, 'kit.yaml'), '--kit', dir], { cwd: dir })
      expect(kit.code).toBe(1)
      const skill = await runCli(['validate', join(dir, 'skills', 'release-notes', 'SKILL.md')], { cwd: dir })
      expect(skill.code).toBe(1)
      expect(skill.out + skill.err).toContain(
        "skills/release-notes/SKILL.md:2:1  name 'Release Notes!' must be",
      )
      expect(skill.out + skill.err).not.toContain('YAML syntax error')
      await writeFile(
        join(dir, 'skills', 'release-notes', 'SKILL.md'),
        '---\nname: release-notes\ndescription: Drafts notes.\n---\nBody\n',
      )
      const fixed = await runCli(['validate', '--kit', dir], { cwd: dir })
      expect(fixed.code, fixed.all).toBe(0)
      // 25+ built-in targets and the kit's two files, each counted once.
      const count = Number(/✓ (\d+) files valid/.exec(fixed.out)?.[1])
      const targets = Number(/✓ (\d+) files valid/.exec((await runCli(['validate'], { cwd: dir })).out)?.[1])
      expect(count - targets).toBe(2)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
