import './status-message.css';

/**
 * A polite live region that is always in the page, so a screen reader announces each new message
 * (saved, published, copied). Empty until there is something to say.
 */
export function StatusMessage({ message, className }: { message: string | null | undefined; className?: string }) {
  return (
    <p role="status" className={className ?? 'status-message'}>
      {message ?? ''}
    </p>
  );
}
