// The package's API: start a sandbox in-process and drive it (see README.md).
export { DEFAULT_SANDBOX_API_KEY, startSandbox, type RunningSandbox, type SandboxControl, type SandboxOptions } from './server';
export type { SandboxEvent, SandboxFaults } from './sandbox';
export type { DeliveryAttempt } from './core/state';
export type { PayInput, PayResult } from './engine';
export { generateWebhookSecret } from './webhooks/signing';
