// A system refusal outside any tool's steps (the lock or journal in a home that is not writable, a full disk) is an
// expected failure, not a bug: it becomes one line naming the path, with what to do, instead of a stack trace.
import { FileAccessError } from '../errors.js'

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ELOOP: 'too many symbolic links (a link loop)',
  ENOTDIR: 'a parent is not a folder',
  EISDIR: 'is a folder',
  EMFILE: 'too many open files',
}

const READS = new Set(['read', 'readdir', 'stat', 'lstat', 'readlink', 'realpath', 'scandir', 'access'])

export function fileAccessError(error: unknown): FileAccessError | undefined {
  const e = error as NodeJS.ErrnoException | undefined
  if (!(e instanceof Error) || typeof e.code !== 'string' || typeof e.path !== 'string') return undefined
  const reason = REASONS[e.code]
  if (!reason) return undefined
  const verb = e.syscall && READS.has(e.syscall) ? 'read' : 'write'
  const hint =
    e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS'
      ? `check who owns it and its permissions (ls -ld ${e.path}), or choose another folder with --home / --project`
      : undefined
  return new FileAccessError(`cannot ${verb} ${e.path}: ${reason}`, {
    cause: error,
    ...(hint ? { hint } : {}),
  })
}
