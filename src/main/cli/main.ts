// The batchdesk command. Exit codes: 0 ok, 1 failure, 2 usage or input error.
import { Command, CommanderError } from 'commander';
import { EXIT, exitCodeFor, printError, type GlobalOptions } from './io.ts';
import { registerAgreement } from './commands/agreement.ts';
import { registerBundle } from './commands/bundle.ts';
import { registerControl } from './commands/control.ts';
import { registerInspect } from './commands/inspect.ts';
import { registerEmbed, registerRun } from './commands/run.ts';
import { registerKeys } from './commands/keys.ts';
import { registerServe } from './commands/serve.ts';

export function buildProgram(): Command {
  const program = new Command('batchdesk')
    .description('Run LLM work over many files or dataset rows through the OpenAI, Anthropic and Gemini batch APIs.')
    .option('--home <dir>', 'data folder (default: the OS app-data folder for Batchdesk, or BATCHDESK_HOME)')
    .showHelpAfterError()
    .exitOverride();
  const global = () => program.opts<GlobalOptions>();
  registerRun(program, global);
  registerEmbed(program, global);
  registerInspect(program, global);
  registerControl(program, global);
  registerKeys(program, global);
  registerServe(program, global);
  registerAgreement(program, global);
  registerBundle(program, global);
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    printError(error);
    return exitCodeFor(error);
  }
}
