/** custom_logger (spec §10): format strings compiled into LogFormats, and ecelerity.conf stanzas. */
export {
  compileFormat,
  compileFormats,
  FORMAT_STAGES,
  type CompileOptions,
  type CustomEvent,
  type CustomFormats,
  type CustomStage,
  type FormatKey,
  type SingleFormatOptions,
} from './compile';
export { CustomFormatError, parseFormat, type FormatToken, type LiteralToken, type SpecifierToken } from './format';
export { SPECIFIERS, type SpecifierDef } from './specifiers';
export { readCustomLoggerConfig, CustomConfigError, type CustomLoggerStanza } from './conf';
