// How large a request body each route takes; past it the server answers 413 without keeping the rest.
const KB = 1024;
const MB = 1024 * KB;

export interface BodyLimits {
  /** POST /api/call/:operation: a contract call is small JSON. */
  call: number;
  /** The calls that carry lists of file paths (a drop of thousands of files). */
  callWithFileList: number;
  /** POST /api/upload: one dropped file. */
  upload: number;
  /**
   * POST /v1/files: one batch input file. OpenAI: "The Batch API only supports .jsonl files up to 200 MB in size"
   * (https://platform.openai.com/docs/api-reference/files/create, checked 2026-12-01 through a copy of the
   * reference).
   */
  gatewayFile: number;
  /** POST /v1/batches: a batch create request is a few fields. */
  gatewayJson: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  call: 1 * MB,
  callWithFileList: 8 * MB,
  upload: 512 * MB,
  gatewayFile: 200 * MB,
  gatewayJson: 64 * KB,
};

const FILE_LIST_CALLS = new Set(['runs.estimate', 'runs.create', 'files.describe']);

export function callBodyLimit(limits: BodyLimits, operation: string): number {
  return FILE_LIST_CALLS.has(operation) ? limits.callWithFileList : limits.call;
}
