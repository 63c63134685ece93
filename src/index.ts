/** The library API (SPEC.md): load a pack, check a note, judge the context of a mention. */
export { loadRulePack, loadRulePackSync } from "./rules/load.js";
export { checkText, type CheckOptions } from "./check.js";
export { assessContext, type AssessOptions } from "./context/assess.js";
export type { RulePack, CompiledRule } from "./rules/compile.js";
export type {
  ContextAssessment,
  ContextCategory,
  Evidence,
  FileResult,
  IgnoredMention,
  Report,
  RuleResult,
  Severity,
  Summary,
} from "./types.js";
export { UserError } from "./types.js";
