// Where the SIP suite's processes are: written by global-setup, read by tests and fixtures.
export const SIP_DOMAIN = '127.0.0.1';
export const SIP_SECRET = 'sapa-test-secret-0123456789';

export interface SipSuiteEnv {
  serverUrl: string;
  wsUrl: string;
  sipPort: number;
  phoneUrl: string;
  kamailioDir: string;
}

export function suiteEnv(): SipSuiteEnv {
  const raw = process.env.SAPA_SIP_SUITE;
  if (!raw) throw new Error('the SIP suite global setup did not run');
  return JSON.parse(raw) as SipSuiteEnv;
}
