// The proof of work the server asks for (src/server/webchat/pow.ts): sha256(challenge + ":" +
// nonce) starting with `bits` zero bits. WebCrypto, in batches so the page stays responsive.
function zeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const b of bytes) {
    if (b === 0) { bits += 8; continue; }
    return bits + Math.clz32(b) - 24;
  }
  return bits;
}

export async function solve(challenge: string, bits: number): Promise<string> {
  const enc = new TextEncoder();
  for (let n = 0; ; n++) {
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(`${challenge}:${n}`)));
    if (zeroBits(hash) >= bits) return String(n);
  }
}
