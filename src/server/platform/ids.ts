import { createHash, randomBytes } from "node:crypto";

/** The last id's millisecond and its 12-bit sequence within it (ids made by this process). */
let last = { ms: 0, seq: 0 };

/**
 * A record's id: a UUID version 7 (RFC 9562), its first 48 bits the millisecond it was made, then a
 * 12-bit sequence and 62 random bits. Ids sort in the order they were made (within a process strictly;
 * across instances to the millisecond), so the queue, which breaks a tie of deadlines by id, lists
 * tickets due at the same moment (a weekend's intake) oldest first, where a v4's random order shuffled
 * them; and new rows are written next to the last ones in each id index instead of anywhere in it (v4
 * ids of older rows stay where they were; most sort after the new ones). Ids are not secrets
 * (links and sessions are signed or use newSecret): their time is the record's own creation time.
 */
export function newId(now = Date.now()): string {
  let { ms, seq } = last;
  if (now > ms) [ms, seq] = [now, randomBytes(2).readUInt16BE(0) & 0x7ff];
  else if (++seq > 0xfff) [ms, seq] = [ms + 1, 0];
  last = { ms, seq };
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = 0x80 | ((b[8] as number) & 0x3f);
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const newSecret = (bytes = 32): string => randomBytes(bytes).toString("base64url");
export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
