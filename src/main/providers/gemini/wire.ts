// The Gemini REST wire shapes this adapter writes and reads (camelCase JSON of the v1/v1beta API). Only the
// fields we use; everything else passes through untouched.

export interface WirePart {
  text?: string;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType?: string; fileUri: string };
  thought?: boolean;
}

export interface WireContent {
  role?: 'user' | 'model';
  parts: WirePart[];
}

export interface WireGenerationConfig {
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  responseMimeType?: string;
  responseJsonSchema?: unknown;
}

/** A GenerateContentRequest as written in a batch input file. */
export interface WireGenerateRequest {
  contents: WireContent[];
  systemInstruction?: WireContent;
  generationConfig?: WireGenerationConfig;
}

/** An EmbedContentRequest as written in an embeddings batch input file. */
export interface WireEmbedRequest {
  content: WireContent;
  taskType?: string;
  outputDimensionality?: number;
}

/** One line of the input JSONL file: the key comes back on the matching result line. */
export interface WireRequestLine {
  key: string;
  request: WireGenerateRequest | WireEmbedRequest;
}

/** google.rpc.Status as it appears on a failed result line or a failed batch operation. */
export interface WireStatus {
  code?: number;
  message?: string;
  status?: string;
  details?: unknown[];
}

/** The batch long-running Operation (GET /v1/batches/{id}). */
export interface WireBatchOperation {
  name?: string;
  done?: boolean;
  error?: WireStatus;
  metadata?: {
    model?: string;
    displayName?: string;
    state?: string;
    createTime?: string;
    updateTime?: string;
    endTime?: string;
    batchStats?: {
      requestCount?: string | number;
      successfulRequestCount?: string | number;
      failedRequestCount?: string | number;
      pendingRequestCount?: string | number;
    };
    output?: WireBatchOutput;
  };
  response?: WireBatchOutput;
}

export interface WireBatchOutput {
  responsesFile?: string;
  inlinedResponses?: { inlinedResponses?: WireInlinedResponse[] };
  inlinedEmbedContentResponses?: { inlinedResponses?: WireInlinedResponse[] };
}

export interface WireInlinedResponse {
  response?: unknown;
  error?: WireStatus;
  metadata?: Record<string, string>;
}

export function isEmbedRequest(request: WireRequestLine['request']): request is WireEmbedRequest {
  return 'content' in request;
}

/** The text of every text part in a request (system instruction and contents), in order. */
export function requestTexts(request: WireRequestLine['request']): string[] {
  const contents = isEmbedRequest(request)
    ? [request.content]
    : [...(request.systemInstruction ? [request.systemInstruction] : []), ...request.contents];
  return contents.flatMap((c) => c.parts.flatMap((p) => (typeof p.text === 'string' ? [p.text] : [])));
}
