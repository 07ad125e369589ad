import type { CommandSpec } from '../options/option-spec.js';
import { checkSchemaCommand } from './check-schema.js';
import { conformanceSpec } from './conformance.js';
import { convertCommand } from './convert.js';
import { demoCommand } from './demo.js';
import { keysSpec } from './keys.js';
import { serveCommand } from './serve.js';

/**
 * Every `toolbridge` command, in the order `--help` lists them. A new command is one entry here
 * (CONTRIBUTING.md#adding-a-command-or-a-flag); `main.ts` finds, parses and runs it from its spec.
 */
export const commands: readonly CommandSpec[] = [
  demoCommand,
  serveCommand,
  checkSchemaCommand,
  convertCommand,
  keysSpec,
  conformanceSpec,
];
