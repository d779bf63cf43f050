// The Renovate preset (renovate/outfit.json): its regex managers find every kit that outfit.config.yaml pins to a
// GitHub tag or an npm version — and nothing in comments, trust lists or folder kits.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../integration/sandbox.js'

interface Manager {
  matchStrings: string[]
  datasourceTemplate: string
  managerFilePatterns: string[]
}

async function managers(): Promise<Manager[]> {
  const preset = JSON.parse(await readFile(join(repoRoot, 'renovate/outfit.json'), 'utf8')) as {
    customManagers: Manager[]
  }
  return preset.customManagers
}

/** What Renovate would extract from `text`: each match's datasource, depName and currentValue. */
async function extract(text: string): Promise<string[]> {
  const found: string[] = []
  for (const manager of await managers())
    for (const source of manager.matchStrings)
      for (const m of text.matchAll(new RegExp(source, 'g')))
        found.push(`${manager.datasourceTemplate} ${m.groups?.depName} ${m.groups?.currentValue}`)
  return found.sort()
}

describe('renovate/outfit.json', () => {
  it('applies to outfit.config.yaml files only', async () => {
    for (const manager of await managers()) {
      const pattern = manager.managerFilePatterns[0] ?? ''
      const re = new RegExp(pattern.slice(1, -1))
      expect(['outfit.config.yaml', 'apps/web/outfit.config.yml'].every((f) => re.test(f))).toBe(true)
      expect(re.test('outfit.lock')).toBe(false)
    }
  })

  it("extracts the README's kit lines, single and several, quoted or not", async () => {
    const config = [
      '# yaml-language-server: $schema=./node_modules/outfit-cli/schemas/config.schema.json',
      'kits:',
      '  backend: github:acme/ai-kits/kits/backend#v2.3.0',
      "  review: 'npm:@acme/review-kit@^1.4.0'",
      '  style: npm:style-kit@2.0.1',
      '  local: ai/kit',
      'trust: [github:acme/*, npm:@acme/*]',
      'tools: [claude-code, cursor]',
    ].join('\n')
    expect(await extract(config)).toEqual([
      'github-tags acme/ai-kits v2.3.0',
      'npm @acme/review-kit ^1.4.0',
      'npm style-kit 2.0.1',
    ])
    expect(await extract('kit: "github:acme/kit#v1.0.0"\nscope: project\n')).toEqual([
      'github-tags acme/kit v1.0.0',
    ])
  })

  it('ignores commented-out kits, branches without a ref, and folders', async () => {
    const config = [
      'kit: ai/kit',
      '# kits:',
      '#   backend: github:acme/ai-kits/kits/backend#v2',
      '#   review: npm:@acme/review-kit@^1',
      'other: github:acme/no-ref',
    ].join('\n')
    expect(await extract(config)).toEqual([])
  })
})
