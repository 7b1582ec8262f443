import { Fragment, type ReactNode } from 'react';

const TOKEN = /(`[^`\n]+`|\*\*[^*\n]+\*\*|\*[^*\n]+\*)/g;

/**
 * Question texts use a little Markdown: `code`, **strong** and *emphasis*. This renders just
 * those inline, as elements (never as HTML), and leaves everything else as text.
 */
export function InlineText({ text }: { text: string }) {
  const parts: ReactNode[] = text.split(TOKEN).map((part, i) => {
    if (i % 2 === 0) return part;
    if (part.startsWith('`')) return <code key={i}>{part.slice(1, -1)}</code>;
    if (part.startsWith('**')) return <strong key={i}>{part.slice(2, -2)}</strong>;
    return <em key={i}>{part.slice(1, -1)}</em>;
  });
  return <Fragment>{parts}</Fragment>;
}
