import { from, of, firstValueFrom, lastValueFrom, range, zip } from "rxjs";
import { map, filter, reduce, scan, toArray, mergeMap, bufferCount, distinctUntilChanged } from "rxjs/operators";

export default () => [{}, async (request: any) => {
  const sum = await lastValueFrom(range(1, 10).pipe(filter((n) => n % 2 === 0), map((n) => n * n), reduce((a, b) => a + b, 0)));
  const running = await firstValueFrom(from([1, 2, 3, 4]).pipe(scan((a, b) => a + b, 0), toArray()));
  const merged = await lastValueFrom(of(1, 2).pipe(mergeMap((n) => of(n, n * 10)), toArray()));
  const buffers = await lastValueFrom(of(1, 1, 2, 2, 3, 4, 5).pipe(distinctUntilChanged(), bufferCount(2), toArray()));
  const zipped = await lastValueFrom(zip(of("a", "b"), of(1, 2)).pipe(toArray()));
  return { sum, running, merged, buffers, zipped };
}];
