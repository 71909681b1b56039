/**
 * Delivers typed events to a sink when their type is enabled (Duende `DefaultEventService`).
 * The default sink writes events to the structured log. A failing sink is logged, never thrown.
 */
import type { Logger } from 'pino';
import type { DistributiveOmit, EventService } from '../context.js';
import type { EventObserver } from '../telemetry/event-telemetry.js';
import type { EventSink, SigilEvent } from './types.js';

/** Which event types are raised. */
export interface EventSwitches {
  success: boolean;
  failure: boolean;
  information: boolean;
  error: boolean;
}

/**
 * Build the event service. An `observer` (telemetry) sees its event types whether or not they are
 * switched on; the sink only ever gets the switched-on ones.
 */
export function createEventService(
  switches: EventSwitches,
  logger: Logger,
  sink?: EventSink,
  observer?: EventObserver,
): EventService {
  const deliver: EventSink = sink ?? ((e) => logger.info({ event: e }, e.name));
  const on = {
    Success: switches.success,
    Failure: switches.failure,
    Information: switches.information,
    Error: switches.error,
  } as const;
  const wanted = { ...on };
  for (const type of observer?.types ?? []) wanted[type] = true;
  return {
    enabled: (type) => wanted[type],
    raise(event, request) {
      if (observer) {
        try {
          observer.observe(event);
        } catch (err) {
          logger.error({ err, event: event.name }, 'telemetry failed');
        }
      }
      if (!on[event.type]) return;
      const full = {
        ...event,
        timestamp: new Date().toISOString(),
        activityId: request?.id,
        remoteIpAddress: request?.remoteAddress,
      } as SigilEvent;
      try {
        const r = deliver(full);
        if (r && typeof (r as Promise<void>).catch === 'function') {
          (r as Promise<void>).catch((err) => logger.error({ err, event: full.name }, 'event sink failed'));
        }
      } catch (err) {
        logger.error({ err, event: full.name }, 'event sink failed');
      }
    },
  };
}

export type { DistributiveOmit };
