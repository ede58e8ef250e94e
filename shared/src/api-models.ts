import { z } from 'zod';
import { Id } from './primitives.js';
import type { RouteDef } from './route-def.js';
import { ModelVersion } from './schemas/model-versions.js';
import { ApproveModelBody, DisableModelBody, TrainModelBody } from './schemas/models.js';
import { CreateModelTrainingBody, ModelTrainingJob } from './schemas/model-training.js';

const IdParams = z.strictObject({ id: Id });

/** The model registry's part of the route table (spread into API_ROUTES). */
export const MODEL_ROUTES = {
  listModels: {
    method: 'GET',
    path: '/api/models',
    response: z.strictObject({ items: z.array(ModelVersion) }),
    access: 'user',
    summary: "My tenant's model versions, newest first",
  },
  getModel: {
    method: 'GET',
    path: '/api/models/:id',
    params: z.strictObject({ id: Id }),
    response: ModelVersion,
    access: 'user',
    summary: 'One model version: settings, training window, metrics, checksums (the model card)',
  },
  trainModel: {
    method: 'POST',
    path: '/api/models',
    body: TrainModelBody,
    response: ModelVersion,
    access: 'tenant_admin',
    summary:
      'Train a model version on the simulated market history (leakage-checked features, purged split); deterministic for a seed',
  },
  disableModel: {
    method: 'POST',
    path: '/api/models/:id/disable',
    params: z.strictObject({ id: Id }),
    body: DisableModelBody,
    response: ModelVersion,
    access: 'tenant_admin',
    summary:
      'Model kill switch: every profile on this version stops entering from its next candle (exits stay), audited',
  },
  approveModel: {
    method: 'POST',
    path: '/api/models/:id/approve',
    params: z.strictObject({ id: Id }),
    body: ApproveModelBody,
    response: ModelVersion,
    access: 'tenant_admin',
    summary:
      'Approve a version for live-venue profiles (paper needs no approval), audited; refused for a switched-off version',
  },
  createModelTraining: {
    method: 'POST',
    path: '/api/model-trainings',
    body: CreateModelTrainingBody,
    response: ModelTrainingJob,
    status: 202,
    access: 'tenant_admin',
    summary:
      'Queue a training job (simulated history or a stored series, walk-forward or purged k-fold windows); 202 with the job to poll',
  },
  listModelTrainings: {
    method: 'GET',
    path: '/api/model-trainings',
    response: z.strictObject({ items: z.array(ModelTrainingJob) }),
    access: 'user',
    summary: "My tenant's recent training jobs, newest first",
  },
  getModelTraining: {
    method: 'GET',
    path: '/api/model-trainings/:id',
    params: IdParams,
    response: ModelTrainingJob,
    access: 'user',
    summary:
      'One training job: status, progress, per-window validation metrics, the version it registered',
  },
  cancelModelTraining: {
    method: 'POST',
    path: '/api/model-trainings/:id/cancel',
    params: IdParams,
    response: ModelTrainingJob,
    access: 'tenant_admin',
    summary: 'Cancel a queued or running training job (a running worker is stopped); idempotent',
  },
} as const satisfies Record<string, RouteDef>;
