// What bounds each benchmark case, as found by profiling (node --cpu-prof, --trace-gc, SQL timed in isolation),
// and what would remove the rest where a target is missed. Written into docs/performance.md by run.ts.
export const BOUNDS = {
  'run-requests': {
    title: 'batchdesk run --requests to a CSV export, end to end (the user\'s path)',
    bound:
      'Two CLI processes (run --wait, then results), each paying Node\'s start with TypeScript type stripping, zod and ' +
      'the SDKs (~1 s, ~110 MB). Run creation streams (issue 16): each request line is decoded, parsed (JSON, then zod), ' +
      'checked and written to a spool on disk; 50 jobs per model are counted with the o200k tokenizer (its tables ' +
      'load on the first count: ~75 MB of RSS, kept); the spool is read back once to estimate each job, plan it into ' +
      'a batch and insert it (64 rows per statement, one transaction); then each batch\'s input file is written from ' +
      'the store (fsync before its rename). Then the upload, the first check 5 s after submission at most (here ' +
      '1 s: BATCHDESK_POLL_INTERVAL_MS=1000), the download, the ingest (an insert and a job status update per result) ' +
      'and the export. The fake OpenAI server runs in the bench process, which does nothing else meanwhile: its CPU ' +
      'time (multipart parse of 60 MB uploads, validating every line, tokenizing every request to answer it) is ' +
      'reported as the fake\'s own time and added to the target. Before issue 16 the same path took 188 s against ' +
      'a 10.6 s roofline at 898 MB: the estimate copied an array per job (quadratic) and every spec was held in ' +
      'memory from the input to the input files.',
    ifMissed:
      'Cause (node --cpu-prof of the CLI; /proc VmHWM sampled every 500 ms): beyond the roofline\'s work, the ' +
      'spool round trip (~150 MB written and read back, a JSON.parse per job to estimate it), the zod parse of each ' +
      'request line, the input files\' fsync, one job status update per result, and `--wait` asking runs.get every ' +
      'second (job counts and the cost sum over 100,000 rows each time). The live JavaScript heap stays at 35–60 MB ' +
      '(--trace-gc) whatever the number of jobs; peak RSS is the process base (~110 MB), the tokenizer (~75 MB) and ' +
      'V8 letting its old space grow to ~4× the live set between full collections, which varies from run to run by ' +
      '~80 MB on this shared machine. What would remove it: the CLI as bundled JavaScript (start-up), the estimate ' +
      'facts kept on the spool line instead of re-parsing the spec, the sample counted in a worker thread that exits ' +
      '(tokenizer memory), a job status derived from its result row (ingest), and progress counters kept per run ' +
      'instead of counted on every runs.get.',
  },
  'dry-runs': {
    title: 'Dry runs (plan and estimate only): time per job at 10k, 50k and 100k',
    bound:
      'Linear: the jobs stream from the input through the checks into the spool and back through one estimate pass and ' +
      'the incremental planner; nothing per job is copied or searched (the quadratic array copy is gone). Per job: ' +
      'decoding and splitting the line (strict UTF-8, checked natively), JSON and zod parse (requests) or csv-parse ' +
      'and the template (datasets), the model and provider checks, the spool line and its JSON.parse. Fixed costs: ' +
      'the process start (~1 s) and loading the tokenizer for the sample (~0.5 s), which is why 10k jobs cost more ' +
      'per job than 100k.',
    ifMissed:
      'Cause: on this shared 2-core machine (load average 6–8 during the runs) single runs vary by 2×; the medians are ' +
      'compared. What would remove the rest of the gap to the roofline: see the run-requests case.',
  },
  'dry-files': {
    title: 'Dry run over a folder of PDFs and text files',
    bound:
      'The input check of every file: content type by magic bytes, pdf.js for each PDF (pages, text characters, page ' +
      'size) on the main thread, encoding detection and decoding for text; then 50 files are counted with the ' +
      'provider\'s count-tokens endpoint (one call each, in order; the fake OpenAI server answers them here). The ' +
      'roofline only reads the bytes and counts pages with a regular expression.',
    ifMissed:
      'Cause: pdf.js (~2 s of CPU for 1,500 PDFs, and most of the garbage: peak RSS) and the 50 serial count-tokens ' +
      'calls. What would remove it: parsing PDFs in a worker pool, and the count calls a few at a time.',
  },
  'new-run-ui': {
    title: 'New-run screen in Chromium: a dropped CSV until its estimate shows',
    bound:
      'The upload of the CSV (17 MB at 100,000 rows of ~150-character answers) to the local server, files.describe ' +
      '(columns, encoding), the 400 ms debounce of the estimate, and runs.estimate: the same streaming dry run as the ' +
      'CLI over 100,000 rows. The renderer receives totals only (per model and per batch, the first three requests), ' +
      'never the rows; no renderer change was needed.',
    ifMissed: 'Cause: the server-side dataset estimate (see the dry runs). What would remove it: the same as there.',
  },
  'write-input': {
    title: 'Plan and write input files',
    bound:
      'JSON.stringify of each request line (~55% of the time), the file write, and the fsync that makes the file ' +
      'durable before it gets its final name (writeFileAtomic: ~70 ms for 60 MB here); building the OpenAI body from ' +
      'the job (conversation → messages) and planning add the rest. Lines are encoded straight into 1 MB buffers, jobs ' +
      'without a file are built without an await, and the custom_id prefix is computed once per file. Peak RSS is bound ' +
      'by the jobs held in memory (50,000 × 1 KB prompts ≈ 85 MB of V8 heap), V8\'s young generation and the ~105 MB the ' +
      'process takes before the case starts: the roofline, which holds the same jobs, peaks at about the same RSS.',
    ifMissed:
      'Cause: the fsync before the rename, which the roofline (a plain streamed write) does not do: measured side by ' +
      'side (5 runs each), 1.58× with it and 1.48× without it. It is there so a power cut leaves the input file complete ' +
      'or absent. What would remove it: since an input file can always be written again from the store, record its ' +
      'byte length with the provider batch and check it before the upload instead of syncing it. The RSS figure is the ' +
      'whole process, and the roofline itself (the same jobs in memory, no Batchdesk code) is above 300 MB on this ' +
      'machine; what would remove it: run creation streaming jobs into the store and writing input files from the store ' +
      '(writeInputFile already can, from jobs.iterateBatch) instead of holding every spec, and running bundled ' +
      'JavaScript instead of type-stripped TypeScript (the Electron app already is).',
  },
  ingest: {
    title: 'Ingest result lines',
    bound:
      'SQLite: the result inserts (same as the roofline), then one job status update per result, and the WAL ' +
      'checkpoints of both. Before: the ingester loaded every job of the batch with its full spec (JSON.parse of 100,000 ' +
      'specs, ~250 MB of heap) only to read its schema, bound 17 named parameters per insert (2.6 s per 100,000 rows ' +
      'against 0.9 s positional) and loaded the 75 MB tokenizer with the OpenAI adapter; and jobs rows carried the ' +
      'spec inline (1.2 KB here), so 100,000 status updates rewrote ~150 MB of table pages (1.45 s for the updates ' +
      'alone). Now: seq → schema read with json_extract, positional parameters, the tokenizer loaded on the first ' +
      'estimate, chunks of 500 results (a chunk\'s lines die young in V8; 2,000 raised peak RSS by ~30 MB and one ' +
      'transaction for all gained nothing), and specs in their own table (migration 4, job_specs), so an update ' +
      'rewrites a ~150-byte row (0.88 s for the 100,000 updates; 1.85× → 1.7×), with a has_schema flag on the job ' +
      'row so that only specs with a JSON Schema are read to check results against it (the schema lookup read every ' +
      'spec page of the batch, ~0.28 s; now ~0.03 s; 1.7× → 1.45×). What is left over the roofline: the job status ' +
      'updates and their index entries, the foreign-key check of each result against its job, and the batch\'s cost ' +
      'total (a scan of its results, ~0.1 s).',
    ifMissed:
      'Cause (node --cpu-prof of the case, and each statement timed alone on a copy of the store): the work the ' +
      'roofline does not do, above all the 100,000 job status updates (~0.9 s with their commits; ~0.23 s of it moves ' +
      'entries in the (run_id, status) index, whose removal would cost job counts 9 ms → 33 ms). Tried without gain: ' +
      'a larger page cache, one transaction for the whole batch, a WITHOUT ROWID jobs table (−0.1 s). What would ' +
      'remove it: the job status derived from its result row at read time instead of written per result, leaving ' +
      'ingest the roofline\'s inserts plus one UPDATE per batch.',
  },
  export: {
    title: 'Export',
    bound:
      'Reading the rows from SQLite (the jobs ⋈ results join, paged by seq) and serialising them. Before: every row ' +
      'also read results.raw (not exported unless asked), parsed each job\'s spec with json_extract for its endpoint ' +
      '(~150 ms per 100,000 rows; now taken from the provider batch), went through csv-stringify\'s stream one record at a ' +
      'time and made one write (and one await) per row. Now raw is read only with --raw, CSV goes through ' +
      'csv-stringify\'s synchronous API a thousand records at a time, and rows are written in 1 MB chunks.',
    ifMissed:
      'Cause: what is left beyond the roofline is building each row\'s full JSON object (parsed output, citations, ' +
      'schema errors, simulated flag) and the structured-fields scan (json_extract over every spec, ~160 ms).',
  },
  resume: {
    title: 'Open the store and resume the monitor',
    bound: 'Opening SQLite (WAL), running the migrations check and one monitor pass over the live provider batches.',
    ifMissed: 'Cause: see the profile of the monitor pass.',
  },
  counts: {
    title: 'Job counts by status',
    bound: 'The (run_id, status) index scan: one GROUP BY, the same query as the roofline.',
    ifMissed: 'Cause: the index scan itself.',
  },
  'run-detail': {
    title: 'Run detail in Chromium',
    bound:
      'The first rows wait for the app\'s first requests: runs.get, runs.timeline, models.list, runs.compare and ' +
      'runs.jobs, answered one after another by the single-threaded local server. Scrolling renders ~35 rows per frame ' +
      'with React (@tanstack/react-virtual) and fetches and parses the job pages the scroll lands on.',
    ifMissed:
      'Cause (resource timings in the page): runs.compare, asked with limit 1 only to learn whether the run compares ' +
      'models, scans every export row of the run (~0.8 s for 100,000 jobs, reading each raw line too) and blocks the ' +
      'server meanwhile; and the run detail asks models.list, runs.jobs and runs.compare a second time once runs.get has ' +
      'answered (the effects depend on the run\'s status), so the first jobs page waits behind the second scan. What ' +
      'would remove it: answer runs.compare with a GROUP BY label … LIMIT query (or not ask it for a single-model run), ' +
      'pass raw: false to exportRows there, and load the jobs page without waiting for the run\'s status. The longest ' +
      'frames while scrolling are the ones where a fetched page of jobs arrives: parsing it and rendering its rows with ' +
      'React happen in one task (the roofline renders plain divs from memory); rendering only the rows in view from the ' +
      'page, or smaller pages, would split that work.',
  },
  idle: {
    title: 'Monitor at rest',
    bound: 'Timers only: one poll of the 20 batches per 60 s interval.',
    ifMissed: 'Cause: see the profile of the poll pass.',
  },
  embeddings: {
    title: 'Embeddings: ingest and Parquet export',
    bound:
      'Ingest: JSON.parse of the ~32 KB result lines (1,536 numbers each; the roofline pays the same), the job ' +
      'status update per result, and the SQLite writes: 8 KB a result. The store grows by ~5.4 bytes a dimension, ' +
      'the same as the roofline\'s bare insert: a 1,536-float vector is a 6.1 KB blob, and SQLite\'s 4 KB pages ' +
      'keep one such row per leaf page plus one overflow page (measured alone: 768 dimensions 5.3, 1,024 4.5, 3,072 ' +
      '4.2 bytes a dimension). Before (JSON text in embedding_json plus the raw line) it was ~40. Before: the raw ' +
      'line was stored whole (it alone is ~21 bytes a dimension), the parsed vectors waited for their chunk as ' +
      'JS arrays with their 32 KB lines (promoted to the old generation), 500 results a transaction (357 MB peak ' +
      'RSS on 20,000 results) and a regular expression looked for the vector to leave out; now the vector is ' +
      'float32 and the line is cut before the result waits (found with indexOf), and a transaction takes 256 KB ' +
      'of vectors (276 MB). Parquet: parquet-wasm encoding the list<float> column (the roofline encodes the same two columns ' +
      'with the same writer) plus reading each export row and building its Arrow columns.',
    ifMissed:
      'Cause: the ingest does per result what the roofline does not (the job status update, the foreign-key check, ' +
      'the batch cost scan) and V8 grows its young generation for the large lines (heap committed ~180 MB, live ' +
      '~40 MB), which is most of the peak RSS. What would reach 4.2 bytes a dimension at 1,536: a page size of ' +
      '64 KB for new stores (9 rows a page), or vectors in their own table cut into parts of ~1,000 bytes. For ' +
      'Parquet: reading only the exported columns instead of whole export rows.',
  },
} satisfies Record<string, { title: string; bound: string; ifMissed: string }>;
