// Where the package's own data (schemas/, targets/, examples/) lives, from src/ (tests) and dist/ (built) alike.
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

export const packageRoot = fileURLToPath(new URL('..', import.meta.url))
export const builtinTargetsDir = join(packageRoot, 'targets')
export const schemasDir = join(packageRoot, 'schemas')
