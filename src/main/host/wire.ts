// Turns one WebSocket text frame into a call on core and the answer into a WireMessage.
// Everything from the socket is untrusted: bad JSON, a bad envelope, an unknown method or
// bad input all come back as INVALID_INPUT errors, never as exceptions.
import { WireRequest, type WireMessage } from '../../shared/api.js';
import { SapaError, describeZodIssues } from '../../shared/errors.js';

export interface CallTarget {
  callByName(method: string, rawInput: unknown): Promise<unknown>;
}

export function errorMessage(id: number, error: unknown): WireMessage {
  const body = error instanceof SapaError
    ? error.toBody()
    : { code: 'INTERNAL', message: 'Unexpected failure' };
  return { kind: 'error', id, error: body };
}

export async function answerWireFrame(target: CallTarget, frame: string): Promise<WireMessage> {
  let json: unknown;
  try {
    json = JSON.parse(frame);
  } catch {
    return errorMessage(-1, new SapaError('INVALID_INPUT', 'The message is not JSON'));
  }
  const request = WireRequest.safeParse(json);
  if (!request.success) {
    const id = typeof (json as { id?: unknown } | null)?.id === 'number' ? (json as { id: number }).id : -1;
    return errorMessage(id, new SapaError('INVALID_INPUT', 'The message is not a valid request', {
      issues: describeZodIssues(request.error),
    }));
  }
  try {
    const output = await target.callByName(request.data.method, request.data.input);
    return { kind: 'result', id: request.data.id, output };
  } catch (error) {
    return errorMessage(request.data.id, error);
  }
}
