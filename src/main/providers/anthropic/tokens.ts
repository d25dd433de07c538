// Input tokens of one job before it is sent: the count-tokens endpoint when a key is set (exact, files
// included), else Anthropic's documented rules (core/token-rules) on the facts the input check recorded.
import type { MessageCountTokensParams } from '@anthropic-ai/sdk/resources/messages/messages';
import type { JobSpec, ModelConfig } from '../../../shared/domain.ts';
import { readAttachmentText } from '../../inputs/attachment.ts';
import type { ProviderCallOptions } from '../../core/provider.ts';
import { jobTokensByRule } from '../../core/token-rules/index.ts';
import type { AnthropicClients } from './client.ts';
import { buildParams, fileKind } from './request.ts';

export async function countTokens(
  clients: AnthropicClients,
  job: JobSpec,
  model: ModelConfig,
  opts?: ProviderCallOptions,
): Promise<number> {
  const params = await buildParams(job, model);
  const body: MessageCountTokensParams = { model: params.model, messages: params.messages };
  if (params.system !== undefined) body.system = params.system;
  if (params.tools !== undefined) body.tools = params.tools;
  if (params.tool_choice !== undefined) body.tool_choice = params.tool_choice;
  if (params.output_config !== undefined) body.output_config = params.output_config;
  const counted = await clients.read.messages.countTokens(body, { signal: opts?.signal ?? null });
  return counted.input_tokens;
}

export async function approximateInputTokens(job: JobSpec, model: ModelConfig): Promise<number> {
  if (!job.file || fileKind(job.file.media_type) !== 'text' || job.file.text_chars !== undefined) return jobTokensByRule(job, model);
  // A text file whose characters the input check did not record: read them.
  const text = await readAttachmentText(job.file);
  return jobTokensByRule({ ...job, file: { ...job.file, text_chars: text.length } }, model);
}
