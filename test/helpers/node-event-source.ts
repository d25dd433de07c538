// A minimal EventSource for Node tests (Node has none without a flag): reads a text/event-stream with fetch,
// sending the given headers (the Bearer token a browser would carry as a cookie). Records every raw chunk so
// tests can check what crossed the wire.
interface SseMessage {
  type: string;
  data: string;
}

export function eventSourceWithHeaders(headers: Record<string, string>, wire: string[] = []): typeof EventSource {
  class NodeEventSource {
    private readonly listeners = new Map<string, Set<(event: SseMessage) => void>>();
    private readonly abort = new AbortController();
    readonly url: string;
    readyState = 0;

    constructor(url: string | URL) {
      this.url = String(url);
      void this.read();
    }

    addEventListener(type: string, listener: (event: SseMessage) => void): void {
      const set = this.listeners.get(type) ?? new Set();
      set.add(listener);
      this.listeners.set(type, set);
    }

    close(): void {
      this.readyState = 2;
      this.abort.abort();
    }

    private dispatch(block: string): void {
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) type = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (!data.length) return;
      const event: SseMessage = { type, data: data.join('\n') };
      for (const listener of this.listeners.get(type) ?? []) listener(event);
    }

    private async read(): Promise<void> {
      try {
        const response = await fetch(this.url, { headers, signal: this.abort.signal });
        this.readyState = 1;
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          const text = decoder.decode(chunk, { stream: true });
          wire.push(text);
          buffer += text;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            this.dispatch(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // Closed by the test, or the server went away.
      }
    }
  }
  return NodeEventSource as unknown as typeof EventSource;
}
