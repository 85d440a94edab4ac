// PostgreSQL refuses U+0000 in text and jsonb; a value carrying one must be a 400, not a
// failed statement. Answers the path of the first string holding one, or null.
export function nulCharacterPath(value: unknown, path = 'body'): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = nulCharacterPath(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}
