// bencode, the encoding of rtpengine's NG control protocol (dictionaries, lists, byte
// strings, integers). Small and strict: a malformed answer is an error, not a guess.
export type Bencodable = string | number | Buffer | Bencodable[] | { [key: string]: Bencodable };

export function bencode(value: Bencodable): Buffer {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('bencode: integers only');
    return Buffer.from(`i${value}e`);
  }
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    return Buffer.concat([Buffer.from(`${bytes.length}:`), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([Buffer.from('l'), ...value.map(bencode), Buffer.from('e')]);
  const keys = Object.keys(value).sort();
  return Buffer.concat([Buffer.from('d'), ...keys.flatMap((k) => [bencode(k), bencode(value[k] as Bencodable)]), Buffer.from('e')]);
}

export type Decoded = string | number | Decoded[] | { [key: string]: Decoded };

export function bdecode(bytes: Buffer): Decoded {
  let pos = 0;
  const fail = (why: string): never => { throw new Error(`bencode: ${why} at byte ${pos}`); };
  const next = (depth: number): Decoded => {
    if (depth > 32) fail('nested too deep');
    const c = bytes[pos];
    if (c === undefined) return fail('unexpected end');
    if (c === 0x69) { // i
      const end = bytes.indexOf(0x65, pos);
      if (end < 0) fail('unterminated integer');
      const text = bytes.toString('latin1', pos + 1, end);
      if (!/^-?[0-9]+$/.test(text)) fail('bad integer');
      pos = end + 1;
      return Number(text);
    }
    if (c === 0x6c) { // l
      pos += 1;
      const list: Decoded[] = [];
      while (bytes[pos] !== 0x65) list.push(next(depth + 1));
      pos += 1;
      return list;
    }
    if (c === 0x64) { // d
      pos += 1;
      const dict: { [key: string]: Decoded } = {};
      while (bytes[pos] !== 0x65) {
        const key = next(depth + 1);
        if (typeof key !== 'string') fail('dictionary key is not a string');
        dict[key as string] = next(depth + 1);
      }
      pos += 1;
      return dict;
    }
    const colon = bytes.indexOf(0x3a, pos);
    if (colon < 0) fail('bad string length');
    const text = bytes.toString('latin1', pos, colon);
    if (!/^[0-9]{1,7}$/.test(text)) fail('bad string length');
    const start = colon + 1;
    const end = start + Number(text);
    if (end > bytes.length) fail('string runs past the end');
    pos = end;
    return bytes.toString('utf8', start, end);
  };
  const value = next(0);
  if (pos !== bytes.length) fail('trailing bytes');
  return value;
}
