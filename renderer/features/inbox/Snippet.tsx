import { snippetSegments } from './snippet';

/** A search snippet with its matches highlighted; every run is a text node, never HTML. */
export function Snippet({ text }: { text: string }) {
  return (
    <span className="snippet" data-testid="search-snippet">
      {snippetSegments(text).map((segment, index) => (segment.match ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
    </span>
  );
}
