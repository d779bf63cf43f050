// Authenticates outfit's state. Every manifest and journal record carries an HMAC made with a per-user key that only
// this user can read, over the record and where it belongs (scope, tool, run). A record planted by a repository,
// copied from another machine or user, moved to another scope, or edited by hand fails the check and is never acted on.
import { createHmac, timingSafeEqual } from 'node:crypto'

/** HMAC-SHA256 over the parts, each length-prefixed so that no two different part lists produce the same input. */
export function seal(key: Uint8Array, parts: readonly string[]): string {
  const mac = createHmac('sha256', key)
  for (const part of parts) {
    const bytes = Buffer.from(part, 'utf8')
    mac.update(`${bytes.length}:`)
    mac.update(bytes)
  }
  return mac.digest('hex')
}

export function verifySeal(key: Uint8Array, parts: readonly string[], mac: unknown): boolean {
  if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return false
  return timingSafeEqual(Buffer.from(seal(key, parts), 'hex'), Buffer.from(mac, 'hex'))
}
