// The real watcher behind `install --watch`: chokidar, loaded only then (it stays outside the bundle, like pacote).
// Started events are ignored (the first install reads every file anyway); .git and node_modules are not watched.
import type { Watcher } from '../api/watch.js'

export async function chokidarWatch(): Promise<(folders: string[]) => Watcher> {
  const { watch } = await import('chokidar')
  return (folders) =>
    watch(folders, {
      ignoreInitial: true,
      ignored: (path: string) => /(^|[/\\])(\.git|node_modules)([/\\]|$)/.test(path),
    })
}
