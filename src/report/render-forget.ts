// What `outfit forget` drops and what it leaves, in words: shown before it asks, and for --dry-run.
import type { ForgetPlan } from '../api/forget.js'

export function renderForget(plans: ForgetPlan[], scope: string): string[] {
  if (plans.length === 0)
    return [`outfit has no record of an install in the ${scope} scope here; nothing to forget`]
  const lines: string[] = []
  for (const plan of plans) {
    lines.push(`${plan.scope} scope, in ${plan.root}: outfit would forget`)
    for (const { tool, file } of plan.installs) lines.push(`  - the install of ${tool} (${file})`)
    if (plan.stamps.length > 0)
      lines.push(
        `  - ${plan.stamps.length} fast-path stamp${plan.stamps.length === 1 ? '' : 's'} of those installs`,
      )
    for (const dir of plan.journals)
      lines.push(
        `  - an interrupted run (${dir}): its half-done changes stay as they are (\`outfit recover\` would roll them back instead)`,
      )
    if (plan.backups)
      lines.push(
        `  backups of ${plan.backups.count} file${plan.backups.count === 1 ? '' : 's'} outfit replaced stay in ${plan.backups.dir}; remove them when you no longer need them`,
      )
  }
  lines.push(
    'The files those installs wrote stay where they are and count as yours: a later install leaves them alone (or replaces them with --force, keeping a backup), and no uninstall removes them.',
  )
  return lines
}
