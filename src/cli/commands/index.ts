/** Every CLI command registers itself here; one line each. */
import type { Command } from "commander";
import { registerBackupCommand } from "./backup.js";
import { registerBenchCommand } from "./bench.js";
import { registerConnectionCommand } from "./connection.js";
import { registerConversationCommands } from "./conversation.js";
import { registerExportCommand } from "./export.js";
import { registerImportCommand } from "./import.js";
import { registerJobsCommand } from "./jobs.js";
import { registerLintCommand } from "./lint.js";
import { registerMigrateCommand } from "./migrate.js";
import { registerParseCommand } from "./parse.js";
import { registerPersonCommand } from "./person.js";
import { registerRemindCommand } from "./remind.js";
import { registerRenderCommand } from "./render.js";
import { registerRestoreCommand } from "./restore.js";
import { registerSeedCommand } from "./seed.js";
import { registerServeCommand } from "./serve.js";
import { registerSettingsCommand } from "./settings.js";
import { registerSourceCommand } from "./source.js";
import { registerSyncCommand } from "./sync.js";
import { registerTokenCommand } from "./token.js";
import { registerUserCommand } from "./user.js";

export function registerCommands(program: Command): void {
  registerParseCommand(program);
  registerLintCommand(program);
  registerRenderCommand(program);
  registerImportCommand(program);
  registerExportCommand(program);
  registerSyncCommand(program);
  registerBenchCommand(program);
  registerMigrateCommand(program);
  registerBackupCommand(program);
  registerRestoreCommand(program);
  registerServeCommand(program);
  registerSeedCommand(program);
  registerSettingsCommand(program);
  registerUserCommand(program);
  registerPersonCommand(program);
  registerTokenCommand(program);
  registerJobsCommand(program);
  registerConversationCommands(program);
  registerRemindCommand(program);
  registerConnectionCommand(program);
  registerSourceCommand(program);
}
