// `outfit install --watch` built and spawned as a kit author runs it, with the real watcher (chokidar): a kit file
// written, the printed line waited for (not a sleep), then SIGTERM, and the process exits 0.
import { spawn } from 'node:child_process'
import { appendFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useSandbox } from '../integration/sandbox.js'
import { builtCli } from '../helpers/built-cli.js'

const sb = useSandbox()

describe('outfit install --watch (built)', () => {
  it('installs again when a kit file changes, says so in one line, and stops with exit 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        builtCli,
        'install',
        'claude-code',
        '--scope',
        'global',
        '--kit',
        sb.kit,
        '--yes',
        '--trust',
        '--watch',
      ],
      {
        cwd: sb.project,
        env: { ...process.env, HOME: sb.home, NO_COLOR: '1', CI: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    const out: string[] = []
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = []
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const parts = buffered.split('\n')
      buffered = parts.pop() ?? ''
      for (const line of parts) {
        out.push(line)
        for (const w of waiters.filter((w) => w.test(line))) w.resolve(line)
      }
    })
    const printed = (test: (line: string) => boolean) =>
      new Promise<string>((resolve) => {
        const seen = out.find(test)
        if (seen) resolve(seen)
        else waiters.push({ test, resolve })
      })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))

    expect(await printed((l) => l.startsWith('✓ start'))).toBe('✓ start → Claude Code installed')
    await appendFile(join(sb.kit, 'agents/reviewer.md'), '\nAlso check the tests.\n')
    expect(await printed((l) => l.includes('agents/reviewer.md'))).toBe(
      '✓ agents/reviewer.md → Claude Code installed',
    )
    expect(await readFile(join(sb.home, '.claude/agents/reviewer.md'), 'utf8')).toContain(
      'Also check the tests.',
    )

    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(stderr).toContain('watching the kit; Ctrl-C stops')
  }, 30_000)
})
