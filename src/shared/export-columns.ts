// The columns of a results export, in order: these, then one out.<field> per structured field, then the tail.
// Shared by the exporter (src/main/export) and the Export dialog, so both always list the same columns.
export const BASE_COLUMNS = ['run_id', 'job_id', 'input', 'model', 'provider', 'status', 'output'] as const;
export const TAIL_COLUMNS = ['input_tokens', 'output_tokens', 'cost_usd', 'error', 'error_category', 'citations', 'simulated'] as const;
