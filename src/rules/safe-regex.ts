/**
 * Rejects regular expressions that can backtrack catastrophically, by the star-height test of
 * safe-regex: a quantified group that itself contains a quantifier ("(a+)+", "(\w*\s?)*") can take
 * exponential time on a crafted note. Backreferences are refused for the same reason. Rule authors
 * lose little: clinical patterns never need nested repetition.
 */
export function unsafeRegexReason(source: string): string | null {
  const stack: { quantified: boolean; alternation: boolean }[] = [{ quantified: false, alternation: false }];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") {
      const n = source[i + 1];
      if (n !== undefined && /[1-9]/.test(n)) return "backreferences are not allowed";
      if (n === "k" && source[i + 2] === "<") return "backreferences are not allowed";
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      inClass = true;
      continue;
    }
    if (c === "(") {
      stack.push({ quantified: false, alternation: false });
      // "(?:", "(?=", "(?!", "(?<=", "(?<!", "(?<name>": the "?" is syntax, not a quantifier.
      const group = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i + 1, i + 40));
      if (group) i += group[0].length;
      continue;
    }
    if (c === "|") {
      stack[stack.length - 1]!.alternation = true;
      continue;
    }
    const quant = isQuantifier(source, i);
    if (c === ")") {
      const group = stack.pop() ?? { quantified: false, alternation: false };
      const parent = stack[stack.length - 1] ?? stack[0]!;
      const q = isQuantifier(source, i + 1);
      if (q && q.unbounded && group.quantified) {
        return "nested quantifiers (a repeated group that contains a repetition) can backtrack catastrophically";
      }
      if (group.quantified || q) parent.quantified = true;
      continue;
    }
    if (quant) {
      stack[stack.length - 1]!.quantified = true;
      i += quant.length - 1;
    }
  }
  return null;
}

function isQuantifier(s: string, i: number): { length: number; unbounded: boolean } | null {
  const c = s[i];
  if (c === "*" || c === "+") return { length: s[i + 1] === "?" ? 2 : 1, unbounded: true };
  if (c === "?") return { length: 1, unbounded: false };
  if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}\??/.exec(s.slice(i));
    if (m) return { length: m[0].length, unbounded: m[2] !== undefined && m[3] === "" || Number(m[3] ?? m[1]) > 10 };
  }
  return null;
}
