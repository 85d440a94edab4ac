// Reply templates: plain text with `{{variable.path}}` variables and `{{?blank}}` prompted
// blanks. Pure functions, used by the server (when it sends) and by the renderer (when it
// previews), so that what the agent previews is exactly what goes out.
//
// Grammar (anything else between braces is an error, never silently sent):
//   {{ customer.name }}   a known variable (see VARIABLES); spaces inside are allowed
//   {{?amount}}           a blank the agent must fill: [a-z][a-z0-9_]{0,39}
//   a lone "{" or "}" is ordinary text; "{{" must close with "}}" before the next "{{".

export const VARIABLES = [
  'customer.salutation', 'customer.name', 'customer.first_name', 'customer.tier', 'customer.number',
  'agent.name', 'case.number', 'case.subject', 'order.number', 'order.status', 'today',
] as const;
export type VariableName = (typeof VARIABLES)[number];
const KNOWN = new Set<string>(VARIABLES);

export type Token =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: VariableName }
  | { kind: 'blank'; name: string };

export type ProblemCode = 'UNBALANCED' | 'NESTED' | 'UNKNOWN_VARIABLE' | 'BAD_BLANK' | 'EMPTY';
export interface TemplateProblem {
  code: ProblemCode;
  /** Character offset in the template. */
  at: number;
  /** The offending text, shortened. */
  text: string;
}

export interface ParsedTemplate {
  tokens: Token[];
  problems: TemplateProblem[];
}

const BLANK_NAME = /^[a-z][a-z0-9_]{0,39}$/;

export function parseTemplate(source: string): ParsedTemplate {
  const tokens: Token[] = [];
  const problems: TemplateProblem[] = [];
  let text = '';
  let i = 0;
  const flushText = () => {
    if (text) tokens.push({ kind: 'text', text });
    text = '';
  };
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    const strayClose = source.indexOf('}}', i);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      problems.push({ code: 'UNBALANCED', at: strayClose, text: '}}' });
      text += source.slice(i, strayClose + 2);
      i = strayClose + 2;
      continue;
    }
    if (open === -1) {
      text += source.slice(i);
      break;
    }
    text += source.slice(i, open);
    const close = source.indexOf('}}', open + 2);
    const nextOpen = source.indexOf('{{', open + 2);
    if (close === -1) {
      problems.push({ code: 'UNBALANCED', at: open, text: source.slice(open, open + 30) });
      text += source.slice(open);
      break;
    }
    if (nextOpen !== -1 && nextOpen < close) {
      problems.push({ code: 'NESTED', at: open, text: source.slice(open, close + 2).slice(0, 60) });
      text += source.slice(open, close + 2);
      i = close + 2;
      continue;
    }
    const inner = source.slice(open + 2, close).trim();
    const raw = source.slice(open, close + 2);
    if (inner === '' || inner === '?') {
      problems.push({ code: 'EMPTY', at: open, text: raw });
      text += raw;
    } else if (inner.startsWith('?')) {
      const name = inner.slice(1).trim();
      if (BLANK_NAME.test(name)) {
        flushText();
        tokens.push({ kind: 'blank', name });
      } else {
        problems.push({ code: 'BAD_BLANK', at: open, text: raw.slice(0, 60) });
        text += raw;
      }
    } else if (KNOWN.has(inner)) {
      flushText();
      tokens.push({ kind: 'variable', name: inner as VariableName });
    } else {
      problems.push({ code: 'UNKNOWN_VARIABLE', at: open, text: raw.slice(0, 60) });
      text += raw;
    }
    i = close + 2;
  }
  flushText();
  return { tokens, problems };
}

/** Names of the prompted blanks, in order of first appearance. */
export function blankNames(source: string | ParsedTemplate): string[] {
  const parsed = typeof source === 'string' ? parseTemplate(source) : source;
  return [...new Set(parsed.tokens.flatMap((t) => (t.kind === 'blank' ? [t.name] : [])))];
}

export type VariableValues = Partial<Record<VariableName, string | null>>;

export interface RenderResult {
  text: string;
  /** Template errors (unknown variables, unbalanced braces …): the message cannot be sent. */
  problems: TemplateProblem[];
  /** Known variables with no value for this customer/case (e.g. no open case). */
  unresolved: VariableName[];
  /** Blanks the agent has not filled. */
  missingBlanks: string[];
  /** True when nothing blocks sending. */
  ready: boolean;
}

/**
 * Renders a template. Missing values stay visible in the text as `{{name}}` so the preview
 * shows exactly what is wrong, and `ready` is false until every one is resolved.
 */
export function renderTemplate(
  source: string, values: VariableValues, blanks: Readonly<Record<string, string>> = {},
): RenderResult {
  const parsed = parseTemplate(source);
  const unresolved = new Set<VariableName>();
  const missing = new Set<string>();
  let text = '';
  for (const token of parsed.tokens) {
    if (token.kind === 'text') {
      text += token.text;
    } else if (token.kind === 'variable') {
      const value = values[token.name];
      if (value === undefined || value === null || value === '') {
        unresolved.add(token.name);
        text += `{{${token.name}}}`;
      } else {
        text += value;
      }
    } else {
      const value = (blanks[token.name] ?? '').trim();
      if (value === '') {
        missing.add(token.name);
        text += `{{?${token.name}}}`;
      } else {
        text += value;
      }
    }
  }
  return {
    text, problems: parsed.problems, unresolved: [...unresolved], missingBlanks: [...missing],
    ready: parsed.problems.length === 0 && unresolved.size === 0 && missing.size === 0,
  };
}

/** Joins inserted paragraphs the way the composer does: one blank line between them. */
export function joinParagraphs(bodies: readonly string[]): string {
  return bodies.map((b) => b.trim()).filter(Boolean).join('\n\n');
}
