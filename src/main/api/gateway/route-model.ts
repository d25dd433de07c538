// Which provider serves a line of an OpenAI batch file, by its body.model: claude-… → Anthropic, gemini-… →
// Gemini, demo/… → the demo provider, an explicit provider/model as given, anything else → OpenAI.
export function routeModel(model: string): string {
  if (/^(openai|anthropic|gemini|demo)\//.test(model)) return model;
  if (model.startsWith('claude-')) return `anthropic/${model}`;
  if (model.startsWith('gemini-') || model.startsWith('models/gemini-')) return `gemini/${model.replace(/^models\//, '')}`;
  return `openai/${model}`;
}
