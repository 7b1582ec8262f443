import type { Evidence } from '@interview/contracts';

const MARKS = String.raw`(?:(?:full|maximum|max|perfect|top|highest)\s+(?:marks?|credit|points)|perfect\s+(?:score|grade|rating)|[0-4]\s*\/\s*4\b|(?:100|10|5)\s*\/\s*(?:100|10|5)\b|[0-4]\s+out\s+of\s+4\b|(?:100|10)\s+out\s+of\s+(?:100|10)\b)`;
const ADDRESSEE = String.raw`(?:the\s+|an?\s+)?(?:ai\s+|llm\s+|automated\s+|automatic\s+)?(?:grader|grading (?:model|system|assistant)|evaluator|examiner|assessor|marker|language model|llm|ai model|ai assistant|scoring model)`;

/**
 * Patterns of text aimed at a grader rather than an interviewer: attempts to override
 * instructions, demands for marks, fake chat-role headers, and attempts to close the answer block.
 */
const PATTERNS: ReadonlyArray<{ id: string; re: RegExp }> = [
  {
    id: 'override-instructions',
    re: /\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,40}?\b(?:instructions?|rubric|grading criteria|scoring criteria|marking scheme|prompt|system message)\b/i,
  },
  { id: 'demand-marks', re: new RegExp(String.raw`\b(?:give|award|assign|grant|score|rate|mark|grade)\b[^.!?\n]{0,30}?${MARKS}`, 'i') },
  { id: 'address-grader', re: new RegExp(String.raw`\b(?:as|dear|attention|note to|hey|hello)\s+${ADDRESSEE}\b`, 'i') },
  {
    id: 'you-must-award',
    re: /\byou\s+(?:must|should|will|shall|need to|have to|are (?:required|instructed|told) to)\s+(?:now\s+)?(?:award|give|assign|grant|rate|mark|grade|score)\s+(?:me|this answer|this response|my|the candidate|the answer|full|maximum|max|perfect|top|4|four|a 4|a perfect|high marks)\b/i,
  },
  { id: 'new-instructions', re: /\b(?:new|updated|hidden|secret)\s+(?:system\s+)?(?:instructions?|prompt)\s*:/i },
  { id: 'role-header', re: /(?:^|\n)\s*(?:#{1,6}\s*)?(?:system|assistant|developer)\s*:\s/i },
  { id: 'role-tag', re: /<\|?\/?(?:system|im_start|im_end|assistant|developer)\|?>|\[\/?(?:INST|SYS)\]|<<\/?SYS>>/i },
  { id: 'boundary-spoof', re: /<<<\s*(?:END-)?ANSWER|END-ANSWER/ },
  {
    id: 'role-play',
    re: /\byou are now\b|\bpretend (?:to be|you are)\b|\bact as (?:the|an?)\s+(?:grader|evaluator|examiner)\b/i,
  },
  {
    id: 'score-claim',
    re: /["']score["']\s*:\s*4\b|\ball criteria\s+(?:at|=|to)\s+4\b|\b(?:deserves|merits|earns|is worth)\s+(?:a\s+)?(?:full|perfect|maximum|top)\s+(?:marks?|score|points?)\b/i,
  },
];

export interface InjectionFinding {
  readonly detected: boolean;
  /** Pattern ids that fired. */
  readonly patterns: string[];
  /** The sentences that carry the injection, with offsets into the answer. */
  readonly spans: Evidence[];
}

/** The sentence (or line) around offset `at`. */
function sentenceAround(text: string, at: number, to: number): { start: number; end: number } {
  let start = at;
  while (start > 0) {
    const ch = text[start - 1] as string;
    if (ch === '\n') break;
    if (/[.!?]/.test(ch) && /\s/.test(text[start] ?? ' ')) break;
    start--;
  }
  let end = Math.max(to, at);
  while (end < text.length) {
    const ch = text[end] as string;
    if (ch === '\n') break;
    end++;
    if (/[.!?]/.test(ch) && /\s|$/.test(text[end] ?? '')) break;
  }
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  return { start, end };
}

/**
 * Offline detector for instructions aimed at a grader. It never changes a score upward; graders
 * use it to raise the `prompt_injection` flag and to discard the offending sentences.
 */
export function detectInjection(answer: string): InjectionFinding {
  const patterns: string[] = [];
  const spans: Evidence[] = [];
  for (const { id, re } of PATTERNS) {
    const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    let fired = false;
    for (const m of answer.matchAll(global)) {
      fired = true;
      const at = (m.index ?? 0) + (m[0].match(/^\s*/)?.[0].length ?? 0);
      const { start, end } = sentenceAround(answer, at, (m.index ?? 0) + m[0].length);
      if (!spans.some((s) => s.start === start && s.end === end)) spans.push({ quote: answer.slice(start, end), start, end });
    }
    if (fired) patterns.push(id);
  }
  spans.sort((a, b) => a.start - b.start);
  return { detected: patterns.length > 0, patterns, spans };
}

/** `answer` with the given spans blanked out (replaced by spaces so offsets stay valid). */
export function blankSpans(answer: string, spans: readonly Evidence[]): string {
  let out = answer;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}
