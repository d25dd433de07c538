// What every feature's handlers are built from, and the typed handler map they merge into (as Actual Budget's
// handlers do): one function per contract operation, taking the parsed input and returning the output.
import type { z } from 'zod';
import type { ExportRequestSchema, OperationName, OperationOutput, Operations } from '../../../shared/contract.ts';
import type { EngineHost } from '../engine-host.ts';

export type ExportRequest = z.output<typeof ExportRequestSchema>;
/** Which raw files: every provider batch of a run, or one. */
export type RawFilesRequest = z.output<Operations['runs.rawFiles']['input']>;

/** What only the face can do: native dialogs in Electron, download URLs over HTTP. Absent = not available. */
export interface ServicePlatform {
  /** Native open dialog; resolves to the chosen paths (empty when cancelled). */
  pickFiles?(options: { folders: boolean }): Promise<string[]>;
  /** Native save dialog; resolves to the chosen path, or null when cancelled. */
  saveExportPath?(suggestedName: string): Promise<string | null>;
  /** Show a folder in the OS file manager. */
  openPath?(path: string): Promise<void>;
  /** Where a browser downloads this export (the local server's GET /api/export). */
  exportUrl?(request: ExportRequest): string;
  /** Where a browser downloads a zip of raw provider files (the local server's GET /api/raw-files). */
  rawFilesUrl?(request: RawFilesRequest): string;
  /** Which face this is, as the settings-change log names it ("desktop app", "local server"). */
  readonly face?: string;
  /**
   * Present where the caller is not the user's own process (the local server): every client-supplied local path
   * (path-policy.ts lists them) goes through here before any handler runs. Resolves to the path to use, or
   * throws a ForbiddenError that states the rule.
   */
  checkLocalPath?(path: string): Promise<string>;
  /** A base-URL change must carry `confirm_base_url_change: true` (the local server: the key goes there). */
  readonly confirmKeyDestinations?: boolean;
}

/** Which face the service serves: runs it creates are marked with it. */
export type RunSource = 'ui' | 'cli';

export interface ServiceDeps {
  host: EngineHost;
  platform: ServicePlatform;
  runSource: RunSource;
}

export type ParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type Handler<N extends OperationName> = (input: ParsedInput<N>) => Promise<OperationOutput<N>>;
export type Handlers = { [N in OperationName]: Handler<N> };
export type FeatureHandlers<K extends OperationName> = { [N in K]: Handler<N> };
