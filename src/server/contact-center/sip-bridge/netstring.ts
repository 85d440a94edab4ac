// Netstrings ("<length>:<bytes>,"), the framing evapi uses on its TCP socket (module
// parameter netstring_format, default on). The decoder is incremental (TCP splits and
// joins messages freely) and bounded: a length over the limit or a malformed frame is an
// error the caller reports, after which the connection cannot be trusted to resync.
export const MAX_NETSTRING_BYTES = 64 * 1024;

export function encodeNetstring(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}:`), body, Buffer.from(',')]);
}

export class NetstringError extends Error {}

export class NetstringDecoder {
  private buffer = Buffer.alloc(0);

  /** Adds received bytes; returns the complete payloads they finish. Throws NetstringError. */
  push(chunk: Buffer): string[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const out: string[] = [];
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) {
        if (this.buffer.length > 7) throw new NetstringError('netstring length prefix too long');
        return out;
      }
      const prefix = this.buffer.subarray(0, colon).toString('latin1');
      if (!/^(0|[1-9][0-9]{0,6})$/.test(prefix)) throw new NetstringError(`bad netstring length "${prefix.slice(0, 16)}"`);
      const length = Number(prefix);
      if (length > MAX_NETSTRING_BYTES) throw new NetstringError(`netstring of ${length} bytes is over the ${MAX_NETSTRING_BYTES}-byte limit`);
      const end = colon + 1 + length;
      if (this.buffer.length < end + 1) return out;
      if (this.buffer[end] !== 0x2c) throw new NetstringError('netstring not terminated by ","');
      out.push(this.buffer.subarray(colon + 1, end).toString('utf8'));
      this.buffer = this.buffer.subarray(end + 1);
    }
  }
}
