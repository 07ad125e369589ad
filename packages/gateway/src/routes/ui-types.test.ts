import { describe, expectTypeOf, it } from 'vitest';
import type { Repair, Trace, TrafficEntry as ViewerTrafficEntry } from '../../ui/src/types.js';
import type { StoredRepair, StoredTrace } from '../storage/stored-trace.js';
import type { TrafficEntry } from '../storage/traffic-store.js';

// The viewer (ui/src) is a browser build with its own root, so it declares the shapes it reads from
// `/ui/api/*` instead of importing the gateway's. These checks fail the typecheck when the two drift.
describe('trace viewer types', () => {
  it('match what the gateway stores and serves', () => {
    expectTypeOf<ViewerTrafficEntry>().toEqualTypeOf<TrafficEntry>();
    expectTypeOf<Trace>().toEqualTypeOf<StoredTrace>();
    expectTypeOf<Repair>().toEqualTypeOf<StoredRepair>();
  });
});
