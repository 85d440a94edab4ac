// Public surface of core for hosts (Electron main, browser host, tests, bench).
export { createCore, type Core, type CoreOptions } from './create-core.js';
