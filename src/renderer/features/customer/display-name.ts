import { type Salutation } from '../../../shared/domain.js';

/** "Bapak Budi Santoso" — the salutation agents use when greeting the customer. */
export function displayName(salutation: Salutation | null, fullName: string): string {
  return salutation ? `${salutation} ${fullName}` : fullName;
}
