// The columns of a results export, in order: these, then one out.<field> per structured field, then the tail.
// Shared by the exporter (src/main/export) and the Export dialog, so both always list the same columns.
export const BASE_COLUMNS = ['run_id', 'job_id', 'input', 'model', 'provider', 'status', 'output'] as const;
export const TAIL_COLUMNS = ['input_tokens', 'output_tokens', 'cost_usd', 'error', 'error_category', 'citations', 'simulated'] as const;
/** Runs with embeddings jobs add where each text came from (file chunks) and the vector's length. */
export const EMBEDDING_COLUMNS = ['source', 'chunk_index', 'chunk_start', 'chunk_end', 'dimensions'] as const;
/** The vector itself: in Parquet, JSON and JSONL; CSV holds metadata only. */
export const VECTOR_COLUMN = 'embedding';
/** Formats that carry vectors (npy_ids is the ids file that goes with an npy matrix). */
export const VECTOR_FORMATS = ['parquet', 'npy', 'npy_ids'] as const;
