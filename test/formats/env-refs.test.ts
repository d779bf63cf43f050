// Kit `${VAR}` references: found, rewritten per tool, or split into what a tool that expands nothing can take.
import { describe, expect, it } from 'vitest'
import { envRefs, rewriteEnvRefs, splitRefs } from '../../src/formats/env-refs.js'

describe('envRefs', () => {
  it('finds each variable once, and nothing in $VAR or ${not valid}', () => {
    expect(envRefs('Bearer ${TOKEN} ${TOKEN} ${OTHER_1}')).toEqual(['TOKEN', 'OTHER_1'])
    expect(envRefs('$TOKEN ${1X} plain')).toEqual([])
  })
})

describe('rewriteEnvRefs', () => {
  it.each([
    [{ prefix: '${env:', suffix: '}' }, 'Bearer ${env:DOCS_TOKEN}'],
    [{ prefix: '{env:', suffix: '}' }, 'Bearer {env:DOCS_TOKEN}'],
    [{ prefix: '${', suffix: '}' }, 'Bearer ${DOCS_TOKEN}'],
  ])('%o', (syntax, expected) => {
    expect(rewriteEnvRefs('Bearer ${DOCS_TOKEN}', syntax)).toBe(expected)
  })
})

describe('splitRefs (a tool that expands nothing, like Codex)', () => {
  it('keeps literals, passes same-named variables through, reads whole-value headers and the bearer token from the environment', () => {
    const split = splitRefs(
      { LOG: 'debug', API_KEY: '${API_KEY}' },
      { Authorization: 'Bearer ${DOCS_TOKEN}', 'X-Team': '${TEAM_ID}', Accept: 'application/json' },
    )
    expect(split).toEqual({
      env: { LOG: 'debug' },
      envVars: ['API_KEY'],
      headers: { Accept: 'application/json' },
      envHeaders: { 'X-Team': 'TEAM_ID' },
      bearerEnv: 'DOCS_TOKEN',
      lost: [],
    })
  })

  it('reports what cannot be expressed instead of writing it literally', () => {
    const split = splitRefs({ API_KEY: '${MY_KEY}', URL: 'https://${HOST}/x' }, { 'X-Auth': 'Token ${T}' })
    expect(split.env).toEqual({})
    expect(split.envVars).toEqual([])
    expect(split.headers).toEqual({})
    expect(split.lost.map((l) => l.key)).toEqual(['env.API_KEY', 'env.URL', 'headers.X-Auth'])
    expect(split.lost[0]?.reason).toContain('export API_KEY instead of MY_KEY')
  })
})
