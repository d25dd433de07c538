// The Provider interface: the only seam between the engine and a batch API's wire format.
// Everything above an adapter sees JobSpec, ParsedResultLine and one BatchStatus enum.
import type {
  BatchStatus,
  Citation,
  Endpoint,
  ErrorCategory,
  JobSpec,
  ModelConfig,
  ProviderName,
  Usage,
} from '../../shared/domain.ts';

/**
 * The batch's input file, exactly as sent, inside the folder `download` gets: an adapter may read it back (Gemini
 * matches inline responses without a key to their requests by order).
 */
export const INPUT_FILE_NAME = 'input.jsonl';

export interface ProviderLimits {
  /** Most requests one provider batch may hold. */
  maxRequests: number;
  /** Most bytes of serialised request lines one provider batch may hold. */
  maxBytes: number;
}

/** One job as it goes into a provider batch: its spec plus the custom_id the provider will echo back. */
export interface PlannedRequest {
  customId: string;
  job: JobSpec;
  model: ModelConfig;
}

export interface BatchCounts {
  total: number;
  succeeded: number;
  failed: number;
  /** Requests not finished yet, when the provider says so. */
  processing: number;
}

/** A provider batch as the provider reports it, mapped to our vocabulary. */
export interface RemoteBatch {
  remoteId: string;
  status: BatchStatus;
  counts: BatchCounts | null;
  /** false where the provider only reports final counts (Anthropic). */
  countsLive: boolean;
  /** Provider-side timestamps (ms since epoch) where reported. */
  createdAt?: number;
  endedAt?: number;
  /** When the provider will delete the results (ms since epoch), if known. */
  resultsExpireAt?: number;
  /** Validation errors of a failed batch, with input line numbers where reported. */
  errors?: { line?: number; code?: string; message: string }[];
  /** Opaque provider data the adapter needs to download results (file ids, result URLs). */
  handle?: Record<string, unknown>;
}

export interface UploadInput {
  /** Local intent uuid: the adapter tags the remote object with it so a crash can be reconciled. */
  tag: string;
  inputPath: string;
  requestCount: number;
  model: ModelConfig;
  endpoint: Endpoint;
}

export interface CreateInput extends UploadInput {
  /** The uploaded file, when the provider takes one (from `upload`). */
  fileId?: string;
  /**
   * The fence: the adapter calls it right before the request that creates the batch goes out, after any reading
   * it does first. It throws (and nothing must be sent) when this process may no longer create: its monitor lease
   * changed hands or the intent was settled meanwhile.
   */
  confirmCreate(): void;
}

export type ResultOutcome = 'succeeded' | 'failed' | 'expired' | 'cancelled';

/** One result line, parsed and mapped to our vocabulary. */
export interface ParsedResult {
  kind: 'result';
  line: number;
  customId: string;
  outcome: ResultOutcome;
  text: string | null;
  embedding?: ArrayLike<number>;
  citations?: Citation[];
  usage: Usage;
  error?: string;
  errorCategory?: ErrorCategory;
  raw: string;
}

/** A line that could not be parsed: reported with its number, never fatal. */
export interface BadResultLine {
  kind: 'bad';
  line: number;
  problem: string;
}

export type ResultLine = ParsedResult | BadResultLine;

/** What reconciliation knows about the batch it looks for, for providers that cannot tag a batch (Anthropic). */
export interface FindBatchHint {
  createdAfter: number;
  requestCount: number;
  /** Remote batches already bound to other local batches: never the answer. */
  known?: ReadonlySet<string>;
}

export interface ProviderCallOptions {
  signal?: AbortSignal;
}

export interface Provider {
  readonly name: ProviderName;
  readonly limits: ProviderLimits;
  /** True only for the demo provider: its output and costs are simulated and labelled so. */
  readonly simulated: boolean;

  /** Problems that stop this job from being sent to this model (empty = fine). */
  validateJob(job: JobSpec, model: ModelConfig): string[];
  /**
   * Input tokens of one job: a tokenizer or the provider's count-tokens endpoint where available;
   * absent = the engine uses the approximation in core/tokens.ts.
   */
  estimateInputTokens?(job: JobSpec, model: ModelConfig, opts?: ProviderCallOptions): Promise<number>;
  /** One line of the provider's input file for this request (the request "as sent"). */
  requestLine(request: PlannedRequest): Promise<unknown>;

  /** Upload the input file, if the API takes one. Absent = create takes the requests directly. */
  upload?(input: UploadInput, opts?: ProviderCallOptions): Promise<{ fileId: string }>;
  /** Find an upload made under `tag` (crash reconciliation). */
  findUpload?(tag: string, opts?: ProviderCallOptions): Promise<{ fileId: string } | null>;
  /** Create the remote batch. Must not be retried blindly: the caller reconciles with findBatch. */
  create(input: CreateInput, opts?: ProviderCallOptions): Promise<RemoteBatch>;
  /** Find a live or finished batch created under `tag` (crash reconciliation). */
  findBatch(tag: string, hint: FindBatchHint, opts?: ProviderCallOptions): Promise<RemoteBatch | null>;
  poll(remoteId: string, opts?: ProviderCallOptions): Promise<RemoteBatch>;
  cancel(remoteId: string, opts?: ProviderCallOptions): Promise<RemoteBatch>;
  /**
   * Write every result file of a finished batch into `dir` (atomically: temp file + rename) and return
   * their paths. Files already present are not downloaded again. `dir` also holds the input file (INPUT_FILE_NAME).
   */
  download(remote: RemoteBatch, dir: string, opts?: ProviderCallOptions): Promise<string[]>;
  /** Parse one downloaded result file, streaming. */
  parseResults(file: string): AsyncIterable<ResultLine>;
}
