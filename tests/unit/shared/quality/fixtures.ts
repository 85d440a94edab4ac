// Small forms for the scoring tests, built through the schema so defaults apply as they do
// on the server.
import { FormDefinition, type FormDefinitionInput } from '../../../../src/shared/quality/form.js';

export const L = (en: string) => ({ id: `${en} (id)`, en });

export function form(input: FormDefinitionInput): FormDefinition {
  return FormDefinition.parse(input);
}

export const yesNo = (id: string, over: Record<string, unknown> = {}) => ({ id, label: L(id), kind: 'yes_no' as const, ...over });
export const scale = (id: string, min: number, max: number, over: Record<string, unknown> = {}) =>
  ({ id, label: L(id), kind: 'scale' as const, min, max, ...over });
export const choice = (id: string, options: { id: string; points: number; fails?: boolean }[], over: Record<string, unknown> = {}) =>
  ({ id, label: L(id), kind: 'choice' as const, options: options.map((o) => ({ ...o, label: L(o.id) })), ...over });
export const text = (id: string, over: Record<string, unknown> = {}) => ({ id, label: L(id), kind: 'text' as const, ...over });
export const section = (id: string, weight: number, items: unknown[]) => ({ id, label: L(id), weight, items }) as FormDefinitionInput['sections'][number];
