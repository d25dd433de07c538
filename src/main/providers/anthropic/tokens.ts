// Input tokens of one job before it is sent: the count-tokens endpoint when a key is set (exact, files
// included), else the documented approximation of core/tokens.ts.
import type { MessageCountTokensParams } from '@anthropic-ai/sdk/resources/messages/messages';
import type { JobSpec, ModelConfig } from '../../../shared/domain.ts';
import { readAttachmentText } from '../../inputs/attachment.ts';
import type { ProviderCallOptions } from '../../core/provider.ts';
import { approximateJobTokens } from '../../core/tokens.ts';
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

export async function approximateInputTokens(job: JobSpec): Promise<number> {
  const fileText = job.file && fileKind(job.file.media_type) === 'text' ? await readAttachmentText(job.file) : undefined;
  return approximateJobTokens(job, fileText);
}
