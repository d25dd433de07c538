// The messages of an OpenAI-format request line as a job: text parts become message text; one embedded file (a
// PDF or image sent as a base64 data URL, as OpenAI's `file` / `image_url` / `input_file` / `input_image` parts
// carry them) becomes the job's file, so it passes the same input check as a dropped file.
import type { Message } from '../../shared/domain.ts';

export interface EmbeddedFile {
  filename: string;
  mediaType: string;
  base64: string;
}

export interface LineConversation {
  system?: string;
  messages: Message[];
  /** The text that goes with the file (the last user turn's text), when there is a file. */
  prompt?: string;
  file?: EmbeddedFile;
}

type Part = { type?: unknown; text?: unknown; image_url?: unknown; file?: unknown; file_data?: unknown; filename?: unknown };

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+);base64,([A-Za-z0-9+/=\s]*)$/;

function embedded(url: unknown, filename: unknown, index: number): EmbeddedFile | string {
  if (typeof url !== 'string') return 'a file part has no data';
  const match = DATA_URL.exec(url);
  if (!match) return url.startsWith('http') ? 'files given by URL are not supported: embed the file as a base64 data URL' : 'a file part is not a base64 data URL';
  const ext = match[1] === 'application/pdf' ? 'pdf' : (match[1]!.split('/')[1] ?? 'bin');
  return { filename: typeof filename === 'string' && filename.trim() ? filename.trim() : `file-${index + 1}.${ext}`, mediaType: match[1]!, base64: match[2]!.replace(/\s+/g, '') };
}

/** A part's embedded file, its text, or null for a part that carries neither. */
function readPart(part: unknown, index: number): { text: string } | { file: EmbeddedFile } | { problem: string } | null {
  if (typeof part === 'string') return { text: part };
  const p = (part ?? {}) as Part;
  if (typeof p.text === 'string') return { text: p.text };
  let found: EmbeddedFile | string | null = null;
  if (p.type === 'image_url') found = embedded((p.image_url as { url?: unknown } | undefined)?.url ?? p.image_url, null, index);
  else if (p.type === 'input_image') found = embedded(p.image_url, null, index);
  else if (p.type === 'file') found = embedded((p.file as { file_data?: unknown })?.file_data, (p.file as { filename?: unknown })?.filename, index);
  else if (p.type === 'input_file') found = embedded(p.file_data, p.filename, index);
  if (found === null) return null;
  return typeof found === 'string' ? { problem: found } : { file: found };
}

/** Messages (chat `messages` or Responses `input`) → a conversation with at most one file, in the last user turn. */
export function readConversation(raw: unknown): LineConversation | string {
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [{ role: 'user', content: raw }] : [];
  const system: string[] = [];
  const messages: Message[] = [];
  let file: { file: EmbeddedFile; turn: number } | null = null;
  for (const item of list as { role?: string; content?: unknown }[]) {
    const parts = Array.isArray(item.content) ? item.content : [item.content];
    const texts: string[] = [];
    for (const [index, part] of parts.entries()) {
      const read = readPart(part, index);
      if (read === null) continue;
      if ('problem' in read) return read.problem;
      if ('text' in read) texts.push(read.text);
      else if (file) return 'Batchdesk sends one file per request: split the request';
      else file = { file: read.file, turn: messages.length };
    }
    const content = texts.join('\n');
    if (item.role === 'system' || item.role === 'developer') system.push(content);
    else messages.push({ role: item.role === 'assistant' ? 'assistant' : 'user', content });
  }
  const base = system.length ? { system: system.join('\n\n') } : {};
  if (!file) return { ...base, messages };
  if (file.turn !== messages.length - 1 || messages[file.turn]!.role !== 'user') return 'a file must be in the last user message of the request';
  const prompt = messages.pop()!.content;
  return { ...base, messages, prompt, file: file.file };
}
