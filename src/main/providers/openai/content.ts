// A job's conversation in a provider-neutral form, built once and shared by the request builder and the
// token estimate (so the estimate counts exactly the text that is sent). Files are read here: PDFs and
// images become base64 data URLs, text files are inlined as text.
import type { Attachment, JobSpec } from '../../../shared/domain.ts';
import { readAttachmentBytes, readAttachmentText } from '../../inputs/attachment.ts';

export const IMAGE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

export type FileKind = 'pdf' | 'image' | 'text';

export type ContentPart =
  | { kind: 'text'; text: string }
  | { kind: 'pdf'; filename: string; dataUrl: string }
  | { kind: 'image'; dataUrl: string };

export interface Turn {
  role: 'system' | 'user' | 'assistant';
  parts: ContentPart[];
}

export interface Conversation {
  system?: string;
  turns: Turn[];
}

/** How a file of this media type is sent, or null when OpenAI cannot take it. */
export function fileKind(mediaType: string): FileKind | null {
  const type = mediaType.toLowerCase().split(';')[0]!.trim();
  if (type === 'application/pdf') return 'pdf';
  if ((IMAGE_MEDIA_TYPES as readonly string[]).includes(type)) return 'image';
  if (type.startsWith('text/') || type === 'application/json') return 'text';
  return null;
}

/** The text a text file contributes to the prompt: its name, then its content. */
export function inlineTextFile(file: Attachment, content: string): string {
  return `<file name="${file.name}">\n${content}\n</file>`;
}

export async function filePart(file: Attachment): Promise<ContentPart> {
  const kind = fileKind(file.media_type);
  if (kind === null)
    throw new Error(`OpenAI does not accept files of type ${file.media_type} (${file.name})`);
  if (kind === 'text') return { kind: 'text', text: inlineTextFile(file, await readAttachmentText(file)) };
  const bytes = await readAttachmentBytes(file);
  const mediaType = file.media_type.toLowerCase().split(';')[0]!.trim();
  const dataUrl = `data:${mediaType};base64,${bytes.toString('base64')}`;
  return kind === 'pdf' ? { kind: 'pdf', filename: file.name, dataUrl } : { kind: 'image', dataUrl };
}

/**
 * messages, then (if the job has a file or a prompt) one user turn with the file first and the prompt after.
 * `textOnly` leaves PDFs and images out without reading them (for token counting).
 */
export async function buildConversation(job: JobSpec, textOnly = false): Promise<Conversation> {
  const withFile = job.file && (!textOnly || fileKind(job.file.media_type) === 'text');
  return conversationOf(job, withFile ? await filePart(job.file!) : undefined);
}

/** The conversation of a job whose file (if any) is already read: no I/O, so no promise per request line. */
export function conversationOf(job: JobSpec, file?: ContentPart): Conversation {
  const turns: Turn[] = (job.messages ?? []).map((m) => ({
    role: m.role,
    parts: [{ kind: 'text', text: m.content }],
  }));
  const parts: ContentPart[] = file ? [file] : [];
  if (job.prompt !== undefined && job.prompt !== '') parts.push({ kind: 'text', text: job.prompt });
  if (parts.length > 0) turns.push({ role: 'user', parts });
  return job.system !== undefined && job.system !== '' ? { system: job.system, turns } : { turns };
}

/** Every piece of text the request carries (system prompt, message texts, prompt, inlined files). */
export function conversationTexts(conversation: Conversation): string[] {
  const texts = conversation.system !== undefined ? [conversation.system] : [];
  for (const turn of conversation.turns)
    for (const part of turn.parts) if (part.kind === 'text') texts.push(part.text);
  return texts;
}

/** The inputs of an embeddings request: `input`, else the prompt, else the message texts. */
export function embeddingInput(job: JobSpec): string | string[] {
  if (job.input !== undefined) return job.input;
  if (job.prompt !== undefined) return job.prompt;
  return (job.messages ?? []).map((m) => m.content).join('\n');
}
