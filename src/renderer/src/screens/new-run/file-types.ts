import type { z } from 'zod';
import type { FileInfoSchema, operations } from '../../../../shared/contract.ts';

export type FileInfo = z.infer<typeof FileInfoSchema>;
export type ModelInfo = z.infer<(typeof operations)['models.list']['output']>[number];
