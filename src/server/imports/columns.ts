// Reads the header row of a customer CSV.
import { IMPORT_OPTIONAL_COLUMNS, IMPORT_REQUIRED_COLUMNS } from '../../shared/http.js';
import { SapaError } from '../../shared/errors.js';

export type ImportColumn = (typeof IMPORT_REQUIRED_COLUMNS)[number] | (typeof IMPORT_OPTIONAL_COLUMNS)[number];

/** Column name → index in the record. Unknown extra columns are ignored. */
export type HeaderMap = Map<ImportColumn, number>;

const KNOWN = new Set<string>([...IMPORT_REQUIRED_COLUMNS, ...IMPORT_OPTIONAL_COLUMNS]);

export function readHeader(record: readonly string[]): HeaderMap {
  const map: HeaderMap = new Map();
  record.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (KNOWN.has(name) && !map.has(name as ImportColumn)) map.set(name as ImportColumn, index);
  });
  const missing = IMPORT_REQUIRED_COLUMNS.filter((c) => !map.has(c));
  if (missing.length > 0) {
    throw new SapaError('INVALID_INPUT',
      `The header row lacks the required column(s): ${missing.join(', ')}. Required: ${IMPORT_REQUIRED_COLUMNS.join(',')}`);
  }
  return map;
}
