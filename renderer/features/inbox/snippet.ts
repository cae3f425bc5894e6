/** One run of a search snippet: text to show, highlighted when it matched the search. */
export interface SnippetSegment {
  text: string;
  match: boolean;
}

const START = '\u0001';
const END = '\u0002';

/**
 * Splits a snippet whose matches the server wrapped in \u0001…\u0002 into runs. The text stays
 * plain text: the caller renders each run as a text node (never as HTML), so a message holding
 * markup shows that markup literally. Stray or unbalanced markers are dropped.
 */
export function snippetSegments(snippet: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let match = false;
  let current = '';
  const flush = () => {
    if (current === '') return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += current;
    else segments.push({ text: current, match });
    current = '';
  };
  for (const char of snippet) {
    if (char === START || char === END) {
      flush();
      match = char === START;
    } else {
      current += char;
    }
  }
  flush();
  return segments;
}
