// Authenticates outfit's state. Every manifest and journal record carries an HMAC made with a per-user key that only
// this user can read, over the record and where it belongs (scope, tool, run). A record planted by a repository,
// copied from another machine or user, moved to another scope, or edited by hand fails the check and is never acted on.
import { createHmac, timingSafeEqual } from 'node:crypto'

/** HMAC-SHA256 over the parts, each length-prefixed so that no two different part lists produce the same input. */
export function seal(key: Uint8Array, parts: readonly string[]): string {
  const hmac = createHmac('sha256', key)
  if (parts.some((part) => part.length > LARGE_PART)) {
    // A manifest or stamp of megabytes: hashed where it lies. Joined to the rest, it was copied whole first (and
    // flattened and encoded again), five times the cost of the hash itself (`status` checks a stamp per tool).
    for (const part of parts) hmac.update(`${Buffer.byteLength(part, 'utf8')}:`).update(part, 'utf8')
    return hmac.digest('hex')
  }
  // One update of one string: every journal line is sealed, and a call into the hash per part was half the cost.
  let input = ''
  for (const part of parts) input += `${Buffer.byteLength(part, 'utf8')}:${part}`
  return hmac.update(input, 'utf8').digest('hex')
}

/** From how many characters a part is hashed on its own rather than joined to the others (same seal either way). */
const LARGE_PART = 16 * 1024

export function verifySeal(key: Uint8Array, parts: readonly string[], mac: unknown): boolean {
  if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return false
  return timingSafeEqual(Buffer.from(seal(key, parts), 'hex'), Buffer.from(mac, 'hex'))
}

/**
 * A record written as `JSON.stringify({ ...body, mac })` (a manifest, a fast-path stamp): the text of the body exactly
 * as it was sealed, and the seal, found without parsing anything, since the seal is the last member. Checking the seal
 * over this text spares parsing a large record whole and serialising its body again; undefined for any other layout.
 */
export function sealedPrefix(text: string): { sealed: string; mac: string } | undefined {
  const end = text.endsWith('\n') ? text.length - 1 : text.length
  const tail = text.slice(end - SEAL_TAIL_LENGTH, end)
  if (end <= SEAL_TAIL_LENGTH || !SEAL_TAIL.test(tail)) return undefined
  return { sealed: `${text.slice(0, end - SEAL_TAIL_LENGTH)}}`, mac: tail.slice(8, 72) }
}
const SEAL_TAIL = /^,"mac":"[0-9a-f]{64}"\}$/
const SEAL_TAIL_LENGTH = 74
