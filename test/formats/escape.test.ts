// Untrusted text (kit file names, hook commands, warnings quoting a user's file) is shown, never obeyed, by the terminal.
import { describe, expect, it } from 'vitest'
import { escapeControls, escapeForTerminal } from '../../src/formats/escape.js'
import { renderPlan } from '../../src/report/render.js'

describe('escaping for the terminal', () => {
  it('shows C0/C1 controls, DEL, bidi and tag characters as escapes', () => {
    expect(escapeControls('a\rb\u001b[2Kc\u0007d\u009be\u202ef\u200bg\u{e0041}h\u007f')).toBe(
      'a\\rb\\x1b[2Kc\\x07d\\x9be\\u{202e}f\\u{200b}g\\u{e0041}h\\x7f',
    )
  })

  it('keeps ordinary text, layout and non-ASCII letters as they are', () => {
    expect(escapeControls('  naïve 東京 — ok')).toBe('  naïve 東京 — ok')
    expect(escapeForTerminal(`x${' '.repeat(12)}y`)).toBe('x[12 spaces]y')
  })

  it("plan shows a kit file name with escape codes, and a diff line's, without passing them through", () => {
    const lines = renderPlan(
      [
        {
          tool: 't',
          name: 'T',
          scope: 'project',
          changes: [
            { kind: 'create', path: '/p/evil\u001b]0;pwned\u0007.md' },
            {
              kind: 'change',
              path: '/p/a.json',
              diff: '--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\u001b[2K\r',
            },
          ],
          dropped: [],
        },
      ] as never,
      { color: false, cwd: '/p' },
    )
    // eslint-disable-next-line no-control-regex
    expect(lines.join('\n')).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/)
    expect(lines).toContain('  + evil\\x1b]0;pwned\\x07.md')
    expect(lines).toContain('      +new\\x1b[2K\\r')
  })
})
