// Synthetic kits of a given size, and the same content in the input formats of rulesync and ruler, so that every
// tool gets an equivalent job. Content is modeled on examples/starter-kit: Markdown with frontmatter, a few KB each.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface KitShape {
  agents: number
  /** Each skill is a folder: SKILL.md and one file beside it (two files). */
  skills: number
  commands: number
  rules: number
  mcpServers: number
}

/**
 * Splits `files` across the kinds: 40% rules, 25% commands, 20% agents, 15% skill files. `rules` is the job every peer
 * does (rulesync and ruler alike): only rules, plus the MCP servers.
 */
export function shapeFor(files: number, only?: 'rules+commands' | 'rules'): KitShape {
  if (only === 'rules') return { agents: 0, skills: 0, commands: 0, rules: files, mcpServers: 5 }
  if (only === 'rules+commands') {
    const rules = Math.ceil(files * 0.6)
    return { agents: 0, skills: 0, commands: files - rules, rules, mcpServers: 5 }
  }
  const rules = Math.round(files * 0.4)
  const commands = Math.round(files * 0.25)
  const skills = Math.max(1, Math.round((files * 0.15) / 2))
  return {
    agents: Math.max(0, files - rules - commands - skills * 2),
    skills,
    commands,
    rules,
    mcpServers: 5,
  }
}

export function fileCount(shape: KitShape): number {
  return shape.agents + shape.skills * 2 + shape.commands + shape.rules
}

const paragraph = (i: number) =>
  `Paragraph ${i}: read the relevant files before changing anything, keep each change small, and explain the why in the ` +
  'commit message. Prefer clear names over comments, and tests over assurances. '.repeat(3)

const body = (title: string, n: number) =>
  `# ${title}\n\n${Array.from({ length: n }, (_, i) => paragraph(i + 1)).join('\n\n')}\n`

const rule = (i: number) => ({
  description: `Conventions for area ${i}`,
  globs: [`src/area-${i}/**/*.ts`],
  body: body(`Rule ${i}`, 4),
})
const command = (i: number) => ({
  description: `Run task ${i} for the current branch`,
  body: body(`Command ${i}`, 2) + '\nArguments: $ARGUMENTS\n',
})

const mcpServer = (i: number) =>
  i % 2 === 0
    ? { command: 'npx', args: ['-y', `@example/mcp-server-${i}`, '.'], env: { LEVEL: 'info' } }
    : { url: `https://mcp-${i}.example.com/mcp`, headers: { Authorization: `Bearer \${TOKEN_${i}}` } }

export async function writeOutfitKit(dir: string, shape: KitShape): Promise<void> {
  const put = async (path: string, text: string) => {
    await mkdir(join(dir, path, '..'), { recursive: true })
    await writeFile(join(dir, path), text)
  }
  await put('kit.yaml', `name: bench-kit\nversion: 1.0.0\ndescription: A generated kit for benchmarks.\n`)
  const jobs: Promise<void>[] = []
  for (let i = 1; i <= shape.rules; i++) {
    const r = rule(i)
    jobs.push(
      put(
        `rules/rule-${i}.md`,
        `---\ndescription: ${r.description}\nglobs: ["${r.globs[0]}"]\n---\n${r.body}`,
      ),
    )
  }
  for (let i = 1; i <= shape.commands; i++) {
    const c = command(i)
    jobs.push(
      put(
        `commands/cmd-${i}.md`,
        `---\ndescription: ${c.description}\nargument-hint: "[target]"\n---\n${c.body}`,
      ),
    )
  }
  for (let i = 1; i <= shape.agents; i++) {
    jobs.push(
      put(
        `agents/agent-${i}.md`,
        `---\nname: agent-${i}\ndescription: Specialist ${i}; use for tasks in area ${i}.\ntools: [Read, Grep, Glob]\n---\n${body(`Agent ${i}`, 3)}`,
      ),
    )
  }
  for (let i = 1; i <= shape.skills; i++) {
    jobs.push(
      put(
        `skills/skill-${i}/SKILL.md`,
        `---\nname: skill-${i}\ndescription: How to do task ${i}; use when asked for it.\n---\n${body(`Skill ${i}`, 3)}`,
      ),
    )
    jobs.push(put(`skills/skill-${i}/reference.md`, body(`Reference for skill ${i}`, 5)))
  }
  await Promise.all(jobs)
  const servers = Array.from(
    { length: shape.mcpServers },
    (_, k) => [`server-${k + 1}`, mcpServer(k + 1)] as const,
  )
  const yaml = servers
    .map(([name, s]) =>
      'command' in s
        ? `  ${name}:\n    command: ${s.command}\n    args: ${JSON.stringify(s.args)}\n    env: { LEVEL: info }`
        : `  ${name}:\n    url: ${s.url}\n    headers: { Authorization: "${s.headers.Authorization}" }`,
    )
    .join('\n')
  await put('mcp.yaml', `servers:\n${yaml}\n`)
}

/** rulesync's input: .rulesync/rules/*.md, .rulesync/commands/*.md, .rulesync/.mcp.json. */
export async function writeRulesyncInput(project: string, shape: KitShape): Promise<void> {
  const dir = join(project, '.rulesync')
  await mkdir(join(dir, 'rules'), { recursive: true })
  await mkdir(join(dir, 'commands'), { recursive: true })
  const jobs: Promise<void>[] = []
  for (let i = 1; i <= shape.rules; i++) {
    const r = rule(i)
    jobs.push(
      writeFile(
        join(dir, 'rules', `rule-${i}.md`),
        `---\nroot: ${i === 1}\ntargets: ["*"]\ndescription: "${r.description}"\nglobs: ["${r.globs[0]}"]\n---\n${r.body}`,
      ),
    )
  }
  for (let i = 1; i <= shape.commands; i++) {
    const c = command(i)
    jobs.push(
      writeFile(
        join(dir, 'commands', `cmd-${i}.md`),
        `---\ndescription: "${c.description}"\ntargets: ["*"]\n---\n${c.body}`,
      ),
    )
  }
  await Promise.all(jobs)
  const servers = Object.fromEntries(
    Array.from({ length: shape.mcpServers }, (_, k) => [`server-${k + 1}`, mcpServer(k + 1)]),
  )
  await writeFile(join(dir, '.mcp.json'), JSON.stringify({ mcpServers: servers }, null, 2))
}

/** ruler's input: .ruler/*.md (concatenated into each tool's instructions file) and MCP servers in ruler.toml. */
export async function writeRulerInput(project: string, shape: KitShape): Promise<void> {
  const dir = join(project, '.ruler')
  await mkdir(dir, { recursive: true })
  const jobs: Promise<void>[] = []
  for (let i = 1; i <= shape.rules; i++) jobs.push(writeFile(join(dir, `rule-${i}.md`), rule(i).body))
  await Promise.all(jobs)
  const toml = Array.from({ length: shape.mcpServers }, (_, k) => {
    const s = mcpServer(k + 1)
    return 'command' in s
      ? `[mcp_servers.server-${k + 1}]\ncommand = "${s.command}"\nargs = ${JSON.stringify(s.args)}\n`
      : `[mcp_servers.server-${k + 1}]\nurl = "${s.url}"\n[mcp_servers.server-${k + 1}.headers]\nAuthorization = "${s.headers.Authorization}"\n`
  }).join('\n')
  await writeFile(
    join(dir, 'ruler.toml'),
    `[mcp]\nenabled = true\n\n[gitignore]\nenabled = false\n\n[backup]\nenabled = false\n\n${toml}`,
  )
}
