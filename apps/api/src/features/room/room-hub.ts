import type { RoomEvent } from '@interview/contracts/events';
import type { EventBus } from '@interview/events';

type Listener = (event: RoomEvent) => void;

/**
 * One bus subscription per API process, fanned out to the sockets open on each interview here.
 * Events from workers and other API processes arrive through the same bus.
 */
export function createRoomHub(events: Pick<EventBus, 'subscribe'>) {
  const rooms = new Map<string, Set<Listener>>();
  const unsubscribe = events.subscribe((event) => {
    for (const listener of rooms.get(event.interviewId) ?? []) listener(event);
  });
  return {
    join(interviewId: string, listener: Listener) {
      const set = rooms.get(interviewId) ?? new Set();
      set.add(listener);
      rooms.set(interviewId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) rooms.delete(interviewId);
      };
    },
    close: unsubscribe,
  };
}
export type RoomHub = ReturnType<typeof createRoomHub>;
