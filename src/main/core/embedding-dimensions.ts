// The vector length an embeddings job asks for, checked against what its model can return (the catalog's
// embedding facts). A model outside the catalog is not second-guessed: the provider answers for it.
import type { JobSpec, ModelConfig } from '../../shared/domain.ts';

/** Problems with job.dimensions on this model (empty = fine or not asked). */
export function dimensionProblems(job: Pick<JobSpec, 'dimensions'>, model: Pick<ModelConfig, 'id' | 'embedding' | 'in_catalog'>): string[] {
  if (job.dimensions === undefined) return [];
  const facts = model.embedding;
  if (!facts) return model.in_catalog ? [`${model.id} makes no embeddings, so --dimensions does not apply`] : [];
  if (facts.min_dimensions === undefined) return [`${model.id} always returns ${facts.dimensions} dimensions: leave --dimensions out`];
  if (job.dimensions < facts.min_dimensions || job.dimensions > facts.dimensions) {
    return [`${model.id} returns between ${facts.min_dimensions} and ${facts.dimensions} dimensions; ${job.dimensions} is outside that range`];
  }
  return [];
}

/** How many dimensions the job's vectors will have, when known. */
export function expectedDimensions(job: Pick<JobSpec, 'dimensions'>, model: Pick<ModelConfig, 'embedding'>): number | null {
  return job.dimensions ?? model.embedding?.dimensions ?? null;
}
