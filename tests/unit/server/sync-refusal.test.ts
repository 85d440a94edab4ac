// Which push failures refuse one mutation for good and which fail the push to be retried.
import { describe, expect, it } from 'vitest';
import { SapaError } from '../../../src/shared/errors.js';
import { refusalOf } from '../../../src/server/sync/refusal.js';

const dbError = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('refusalOf', () => {
  it('refuses what the mutation itself got wrong', () => {
    expect(refusalOf(new SapaError('NOT_FOUND', 'Customer x does not exist'))).toEqual({ code: 'NOT_FOUND', message: 'Customer x does not exist' });
    expect(refusalOf(dbError('22008', 'date/time field value out of range'))).toEqual({
      code: 'INVALID_INPUT', message: 'The database refused a value (22008): date/time field value out of range',
    });
    expect(refusalOf(dbError('22021'))?.code).toBe('INVALID_INPUT');
    expect(refusalOf(dbError('23505', 'duplicate key'))).toEqual({
      code: 'CONFLICT', message: 'The change breaks a database rule (23505): duplicate key',
    });
    expect(refusalOf(dbError('23503'))?.code).toBe('CONFLICT');
  });

  it.each([
    ['57014', 'statement timeout'], ['57P01', 'admin shutdown'], ['08006', 'connection failure'],
    ['40001', 'serialization failure'], ['40P01', 'deadlock'], ['53300', 'too many connections'],
    ['42P01', 'a server bug: undefined table'], ['ECONNRESET', 'socket reset'],
  ])('retries %s (%s)', (code) => {
    expect(refusalOf(dbError(code))).toBeNull();
  });

  it('retries errors without a SQLSTATE (a bug, a timeout)', () => {
    expect(refusalOf(new TypeError('x is undefined'))).toBeNull();
    expect(refusalOf('weird')).toBeNull();
  });
});
