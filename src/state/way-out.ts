// The command that gets a person out of a refusal of outfit's state (exit 4). Every such refusal names one, so that
// state outfit cannot trust is never a dead end: `outfit forget` drops the records (the files stay and count as the
// user's), which works without the state key and whatever the records hold.

/** `outfit forget` for one install (a tool in a scope) or, without a tool, for every install of the scope. */
export function forgetCommand(root: string, scope: string, tool?: string): string {
  const project = scope === 'global' ? '' : ` --project ${quote(root)}`
  return `outfit forget ${tool ? `${tool} ` : ''}--scope ${scope}${project}`
}

/** The hint of a refused install manifest. */
export function forgetInstallHint(root: string, tool: string, scope: string): string {
  return `run \`${forgetCommand(root, scope, tool)}\` to drop outfit's record of that install (the files it installed stay and count as yours; the next install treats them so)`
}

/** The hint of a refused backup, from the context of the tool whose install needs it. */
export function forgetHintFor(ctx: { tool: { id: string }; scope: { name: string; root: string } }): string {
  return forgetInstallHint(ctx.scope.root, ctx.tool.id, ctx.scope.name)
}

/**
 * The hint of a refused crash journal. A journal belongs to a folder, not a scope; the folder is the home (global
 * scope) or a project, and the journal does not know which.
 */
export function forgetJournalHint(root: string): string {
  return `run \`${forgetCommand(root, 'project')}\` (or \`outfit forget --scope global\` if ${root} is your home): it drops the journal and outfit's records there; the half-done changes stay as they are`
}

/** A path as a shell reads it: single-quoted when it holds anything a shell would interpret. */
function quote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`
}
