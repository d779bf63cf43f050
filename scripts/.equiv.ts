// Ad-hoc: every target's expanded steps equal the old full steps (scopes → when.scope, rollback dropped, manifest).
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { parse } from 'yaml'
import { realFs } from '../src/fs/fs.js'
import { loadTarget } from '../src/load/load-target.js'
const oldDir = '/tmp/presets-work/old'
let bad = 0
for (const f of readdirSync('targets').filter((n) => n.endsWith('.yaml'))) {
  const r = await loadTarget(realFs, join('targets', f))
  if (!r.ok) {
    console.log(
      f,
      r.diagnostics.map((d) => `${d.line}:${d.column} ${d.pointer} ${d.message}`),
    )
    bad++
    continue
  }
  let oldText: string
  try {
    oldText = readFileSync(join(oldDir, f), 'utf8')
  } catch {
    continue
  }
  const old = parse(oldText)
  const norm = (s: any) => {
    const { scopes, rollback, ...rest } = s
    const out = { ...rest }
    if (scopes) out.when = { scope: scopes, ...(s.when ?? {}) }
    const w = out.run.with
    if (w?.select) {
      const { select, ...r } = w
      out.run = {
        ...out.run,
        with: {
          ...r,
          when: {
            ...(select.with ? { has: select.with } : {}),
            ...(select.without ? { lacks: select.without } : {}),
          },
        },
      }
    }
    for (const t of out.run.with?.transform ?? [])
      for (const cs of Object.values(t.frontmatter?.cases ?? {}) as any[])
        for (const c of cs)
          if (c.if) {
            c.when = { has: c.if }
            delete c.if
          }
    if (out.run.action === 'manifest') return { name: 'manifest', run: { action: 'manifest' } }
    return JSON.parse(JSON.stringify(out))
  }
  const a = old.steps.map(norm)
  const b = JSON.parse(JSON.stringify(r.value.spec.steps)).map((s: any) =>
    typeof s.when?.scope === 'string' ? { ...s, when: { ...s.when, scope: [s.when.scope] } } : s,
  )
  const sortKeys = (v: any): any =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sortKeys(v[k])]),
          )
        : v
  for (const k of ['unsupported', 'alsoReads'])
    for (const u of old[k] ?? [])
      if (u.scopes) {
        u.scope = u.scopes
        delete u.scopes
      }
  for (const k of ['unsupported', 'alsoReads'])
    for (const u of (r.value.spec as any)[k] ?? []) if (typeof u.scope === 'string') u.scope = [u.scope]
  const { steps: _a, ...oldRest } = old
  const { steps: _b, ...newRest } = r.value.spec
  if (
    !isDeepStrictEqual(sortKeys(a), sortKeys(b)) ||
    !isDeepStrictEqual(sortKeys(oldRest), sortKeys(JSON.parse(JSON.stringify(newRest))))
  ) {
    bad++
    console.log('DIFF', f)
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      if (!isDeepStrictEqual(sortKeys(a[i]), sortKeys(b[i])))
        console.log(' old', JSON.stringify(a[i]), '\n new', JSON.stringify(b[i]))
  }
}
console.log(bad === 0 ? 'all equivalent' : `${bad} differ`)
