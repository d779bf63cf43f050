// `outfit adopt`'s promises for every built-in target with files to read, in the global scope (every-target.ts).
import { everyTarget } from './every-target.js'

everyTarget('global')
