// Quality forms and evaluations (src/shared/quality/routes.ts): forms and versions,
// evaluations and comments, the agent's acknowledgement and dispute, re-scores, settings,
// sampling policies and the review queue, calibration sessions, the score trend.
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { audit } from '../auth/audit.js';
import { type QualityOptions } from './context.js';
import { registerDisputeRoutes } from './disputes.js';
import { registerEvaluationRoutes } from './evaluations.js';
import { registerFormRoutes } from './forms.js';
import { registerCalibrationRoutes } from './calibration.js';
import { registerSamplingRoutes } from './sampling.js';
import { registerTrendRoutes } from './trend.js';
import { qualitySettings, saveQualitySettings } from './settings.js';

export function registerQualityRoutes(register: RegisterRoute, db: Db, options: QualityOptions = {}): void {
  const ctx = { db, now: options.clock ?? (() => new Date()) };
  registerFormRoutes(register, ctx);
  registerEvaluationRoutes(register, ctx);
  registerDisputeRoutes(register, ctx);
  registerSamplingRoutes(register, ctx);
  registerCalibrationRoutes(register, ctx);
  registerTrendRoutes(register, ctx);
  register('quality.settings.read', async () => qualitySettings(db));
  register('quality.settings.save', async ({ body, user, request }) => {
    const saved = await saveQualitySettings(db, body, user.id);
    await audit(db, 'server_settings_changed', user.id, null, { keys: ['qualityDisputeWindowHours'], disputeWindowHours: saved.disputeWindowHours }, request.ip);
    return saved;
  });
}
