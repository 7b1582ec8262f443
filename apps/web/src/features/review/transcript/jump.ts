import type { MouseEvent } from 'react';

/**
 * Follows an in-page link by moving focus as well as scrolling, so keyboard and screen-reader
 * users land where sighted users look. The target needs tabIndex={-1}.
 */
export function jumpTo(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}
