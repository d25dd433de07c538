// Vocabulary re-exported for library users (DESIGN.md §2).
import type { JobSpec } from '../../shared/domain.ts';

export type { JobResult, JobSpec, ModelConfig } from '../../shared/domain.ts';
/** A Job is one request: the stored spec of seed 004's Job. */
export type Job = JobSpec;
