/**
 * Colour functions for the text report. Formatters are synchronous, so the caller loads chalk
 * (only when colour is on: it costs cold-start time) and passes the functions in the context.
 */
export interface Styles {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  cyan(s: string): string;
}

const identity = (s: string): string => s;

export const plainStyles: Styles = {
  green: identity,
  red: identity,
  yellow: identity,
  dim: identity,
  bold: identity,
  cyan: identity,
};

/**
 * Chalk-backed styles. The caller has already decided colour is on (terminal, FORCE_COLOR), so
 * the level falls back to basic 16 colours when chalk's own detection says none.
 */
export async function chalkStyles(level?: 1 | 2 | 3): Promise<Styles> {
  const { Chalk, supportsColor } = await import("chalk");
  const detected = supportsColor ? supportsColor.level : 0;
  const chalk = new Chalk({ level: level ?? (detected > 0 ? detected : 1) });
  return {
    green: (s) => chalk.green(s),
    red: (s) => chalk.red(s),
    yellow: (s) => chalk.yellow(s),
    dim: (s) => chalk.dim(s),
    bold: (s) => chalk.bold(s),
    cyan: (s) => chalk.cyan(s),
  };
}
