// remove: the inverse of write and copy. Removes the files they wrote (restoring any file they replaced) unless the
// user changed them since.
import { fileInverse } from './undo-files.js'

export const remove = fileInverse(
  'remove',
  'Remove the files written by write/copy, restoring what they replaced.',
)
