import { isLoopbackOrigin, joinOrigin, joinOriginChoices, type JoinOrigins } from '@plenary/shared';
import { request } from './api.js';

/** How often the console and projector ask again: a laptop may join another network. */
const REFRESH_MS = 15_000;

/**
 * Where participants join, for the console and the projector: the server says which addresses
 * it has, the workshop which one the facilitator chose. Create it while a component initialises
 * (it owns an effect that asks the server again now and then).
 */
export class JoinAddress {
  server = $state.raw<JoinOrigins | null>(null);
  readonly pageOrigin = location.origin;
  origin: string;
  /** The addresses the facilitator may choose between (empty: nothing to choose). */
  choices: string[];
  /** The page is on loopback and the server found no network: phones cannot reach it. */
  unreachable: boolean;

  constructor(workshopId: () => string, key: () => string | null, chosen: () => string | null) {
    this.origin = $derived(joinOrigin(this.pageOrigin, this.server, chosen()));
    this.choices = $derived(joinOriginChoices(this.pageOrigin, this.server));
    this.unreachable = $derived(
      this.server !== null && isLoopbackOrigin(this.origin) && !this.server.fixed,
    );
    $effect(() => {
      const id = workshopId();
      const bearer = key();
      if (!bearer) return;
      const load = async () => {
        const result = await request<JoinOrigins>('GET', `/api/workshops/${id}/join-origins`, {
          bearer,
        });
        if (result.ok) this.server = result.value;
      };
      void load();
      const timer = setInterval(() => void load(), REFRESH_MS);
      return () => clearInterval(timer);
    });
  }

  /** The interface an address belongs to ("wlan0"), or "" for the page's own. */
  labelOf(origin: string): string {
    return this.server?.origins.find((o) => o.origin === origin)?.label ?? '';
  }
}
