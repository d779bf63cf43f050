// What an uninstall left behind, for the judge tests: the difference between a tree before the install and after the
// uninstall (snapshotTree's path → hash maps), leaving out what the judged tools created themselves while they ran
// (session logs, caches, their own auth files): a path that did not exist right after the install, and a folder that
// is only still there because it holds such a path. A file that outfit wrote and a tool then changed is not left out:
// if the uninstall cannot restore it, that shows.

/** `path: before -> after` for each difference, sorted; empty when the uninstall restored everything. */
export function leftovers(
  before: Record<string, string>,
  installed: Record<string, string>,
  beforeUninstall: Record<string, string>,
  after: Record<string, string>,
): string[] {
  const created = Object.keys(beforeUninstall).filter((p) => !(p in installed) && !(p in before))
  const holdsCreated = (dir: string) => created.some((p) => p.startsWith(`${dir}/`))
  const paths = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...paths]
    .filter((p) => before[p] !== after[p])
    .filter((p) => !created.includes(p) && !(after[p] === 'dir' && !(p in before) && holdsCreated(p)))
    .sort()
    .map((p) => `${p}: ${before[p] ?? 'absent'} -> ${after[p] ?? 'absent'}`)
}
