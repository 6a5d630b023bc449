import { TurnPacer } from '../../src/server/pace';

/** Turns start one per pass of the event loop, so whatever arrived meanwhile is served between them. */
describe('TurnPacer', () => {
  test('work that became due during a turn runs before the next turn starts', async () => {
    const pacer = new TurnPacer();
    const order: string[] = [];
    const turns = [1, 2, 3].map((n) =>
      pacer.next().then(() => {
        order.push(`turn ${n}`);
        // A health check's timer or socket event that comes due while this turn's decision runs.
        setTimeout(() => order.push(`other work after turn ${n}`), 0);
        const until = Date.now() + 5;
        while (Date.now() < until); // a synchronous decision
      }),
    );
    await Promise.all(turns);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual(['turn 1', 'other work after turn 1', 'turn 2', 'other work after turn 2', 'turn 3', 'other work after turn 3']);
  });

  test('turns start in the order they asked', async () => {
    const pacer = new TurnPacer();
    const started: number[] = [];
    await Promise.all(Array.from({ length: 10 }, (_, i) => pacer.next().then(() => started.push(i))));
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
