// Parses request input with a shared zod schema; failures become 400 INVALID_INPUT with
// a readable list of problems.
import { type z } from 'zod';
import { SapaError, describeZodIssues } from '../../shared/errors.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    throw new SapaError('INVALID_INPUT', `Invalid ${what}`, describeZodIssues(result.error));
  }
  return result.data;
}
