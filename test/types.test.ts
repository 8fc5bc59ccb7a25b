import { describe, expectTypeOf, test } from 'vitest';
import { parse, type BouncelogEvent, type EcelogEvent, type MainlogEvent } from '../src/index';
import type { PolicylogEvent } from '../src/decoders/policylog';

/** Type tests: checked by `tsc` (npm test runs it first); the runtime part is trivial. */
describe('types', () => {
  test('switch (ev.type) narrows to the fields of each record (events of one log kind, as parse yields them)', () => {
    const check = (ev: MainlogEvent | BouncelogEvent) => {
      switch (ev.type) {
        case 'reception':
          expectTypeOf(ev.rcpt_localpart).toEqualTypeOf<string>();
          expectTypeOf(ev.size).toEqualTypeOf<number>();
          expectTypeOf(ev.binding_group).toEqualTypeOf<string | null>();
          expectTypeOf(ev.record).toEqualTypeOf<'R'>();
          break;
        case 'delivery':
          expectTypeOf(ev.queue_time).toEqualTypeOf<number>();
          expectTypeOf(ev.remote_ip).toEqualTypeOf<string | null>();
          // @ts-expect-error a delivery has no response
          void ev.response;
          break;
        case 'transient_failure':
          expectTypeOf(ev.response).toEqualTypeOf<string>();
          if (ev.log === 'mainlog') expectTypeOf(ev.bytes_transferred).toEqualTypeOf<number>();
          else expectTypeOf(ev.bounce_class).toEqualTypeOf<number>();
          break;
        case 'bounce':
          expectTypeOf(ev.out_of_band).toEqualTypeOf<boolean>();
          expectTypeOf(ev.bounce_category).toEqualTypeOf<'Hard' | 'Soft' | 'Block' | 'Admin' | 'Undetermined'>();
          break;
        case 'malformed':
          expectTypeOf(ev.reason).toEqualTypeOf<string>();
          expectTypeOf(ev.record).toEqualTypeOf<string | null>();
          // @ts-expect-error a malformed line has no timestamp
          void ev.timestamp;
          break;
        case 'heartbeat':
          expectTypeOf(ev.timestamp_us).toEqualTypeOf<number>();
          break;
        default:
          expectTypeOf(ev.type).toEqualTypeOf<'transfer' | 'permanent_failure'>();
      }
    };
    void check;
  });

  test('across all log kinds, narrowing on log then type reaches each record', () => {
    const check = (ev: EcelogEvent) => {
      if (ev.log === 'rejectlog' && ev.type === 'rejection') expectTypeOf(ev.error_code).toEqualTypeOf<number | null>();
      if (ev.log === 'fbllog' && ev.type === 'feedback') expectTypeOf(ev.feedback_type).toEqualTypeOf<string>();
      if (ev.log === 'paniclog' && ev.type === 'panic') expectTypeOf(ev.end_line).toEqualTypeOf<number>();
      // Only an HTTP request entry has the request fields.
      if (ev.log === 'paniclog' && ev.type === 'panic') expectTypeOf(ev.remote_port).toEqualTypeOf<number | null | undefined>();
      if (ev.log === 'policylog' && ev.type === 'reception_timing') {
        expectTypeOf(ev.outcome).toEqualTypeOf<'received' | 'rejected' | 'unexpected_disconnect'>();
        expectTypeOf(ev.size).toEqualTypeOf<number | null>();
      }
      if (ev.log === 'mainlog' && ev.type === 'delivery') expectTypeOf(ev.queue_time).toEqualTypeOf<number>();
    };
    void check;
  });

  test('parse is typed by log kind', () => {
    expectTypeOf(parse(Buffer.alloc(0), { log: 'mainlog' })).toEqualTypeOf<Generator<MainlogEvent>>();
    expectTypeOf(parse(Buffer.alloc(0), { log: 'bouncelog' })).toEqualTypeOf<Generator<BouncelogEvent>>();
    expectTypeOf(parse(Buffer.alloc(0), { log: 'policylog' })).toEqualTypeOf<Generator<PolicylogEvent>>();
    // @ts-expect-error unknown log kinds do not type-check
    void (() => parse(Buffer.alloc(0), { log: 'nosuchlog' }));
  });
});
