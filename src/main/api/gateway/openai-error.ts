// Errors in OpenAI's shape ({"error": {message, type, param, code}}) with the status OpenAI uses, so the
// official SDK raises the same exception classes against the gateway as against OpenAI.
export class OpenAIStyleError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;

  constructor(status: number, message: string, options: { type?: string; code?: string | null; param?: string | null } = {}) {
    super(message);
    this.name = 'OpenAIStyleError';
    this.status = status;
    this.type = options.type ?? (status === 404 ? 'invalid_request_error' : status >= 500 ? 'server_error' : 'invalid_request_error');
    this.code = options.code ?? null;
    this.param = options.param ?? null;
  }

  body(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const invalid = (message: string, param: string | null = null, code: string | null = null) => new OpenAIStyleError(400, message, { param, code });
export const notFound = (message: string) => new OpenAIStyleError(404, message, { code: null });
