import { describe, expect, it } from "vitest";
import { createIdGenerator, isId, timeOfId } from "./ids.js";

function counterBytes(): (n: number) => Uint8Array {
  let seed = 1;
  return (n) => {
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      bytes[i] = seed & 0xff;
    }
    return bytes;
  };
}

/** The random part of an id (16 base32 digits) as hex. */
function decodeHex(part: string): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let v = 0n;
  for (const ch of part) v = v * 32n + BigInt(alphabet.indexOf(ch));
  return v.toString(16);
}

describe("createIdGenerator", () => {
  it("makes 26-character Crockford base32 ids that carry their time", () => {
    const newId = createIdGenerator(() => 1_580_000_000_000, counterBytes());
    const id = newId();
    expect(id).toHaveLength(26);
    expect(isId(id)).toBe(true);
    expect(id).not.toMatch(/[ILOU]/);
    expect(timeOfId(id)).toBe(1_580_000_000_000);
  });

  it("is deterministic for a fixed clock and random source", () => {
    const a = createIdGenerator(() => 42, counterBytes());
    const b = createIdGenerator(() => 42, counterBytes());
    expect([a(), a()]).toEqual([b(), b()]);
  });

  it("sorts by time as plain strings", () => {
    let t = 1_000;
    const newId = createIdGenerator(() => t, counterBytes());
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      t += 7;
      ids.push(newId());
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it("stays monotonic within one millisecond and when the clock steps back", () => {
    let t = 5_000;
    const newId = createIdGenerator(() => t, counterBytes());
    const ids = [newId(), newId(), newId()];
    t = 4_000;
    ids.push(newId());
    expect(new Set(ids).size).toBe(4);
    expect([...ids].sort()).toEqual(ids);
    expect(timeOfId(ids[3] as string)).toBe(5_000);
  });

  it("ids made in the same millisecond do not count up: a neighbour cannot be guessed", () => {
    let x = 0x2545f491;
    const xorshiftBytes = (n: number) =>
      Uint8Array.from({ length: n }, () => {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        return x & 0xff;
      });
    const newId = createIdGenerator(() => 7_000, xorshiftBytes);
    const ids = Array.from({ length: 50 }, () => newId());
    expect([...ids].sort()).toEqual(ids);
    const randomParts = ids.map((id) => BigInt(`0x${decodeHex(id.slice(10))}`));
    for (let i = 1; i < randomParts.length; i++) {
      const step = (randomParts[i] as bigint) - (randomParts[i - 1] as bigint);
      expect(step > 1_000_000n, `step ${step} between ids ${i - 1} and ${i}`).toBe(true);
    }
  });

  it("rolls into the next millisecond when the random part is exhausted", () => {
    const newId = createIdGenerator(
      () => 9,
      (n) => new Uint8Array(n).fill(0xff),
    );
    const first = newId();
    const second = newId();
    expect(first.slice(10)).toBe("ZZZZZZZZZZZZZZZZ");
    expect(second > first).toBe(true);
    expect(timeOfId(second)).toBe(10);
  });

  it("makes the ids of the 80-bit arithmetic it stands for, step for step", () => {
    // decisions/0003 in big integers: same millisecond, a step of 1 + random / 2^16.
    const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    const digits = (value: bigint, length: number) => {
      let out = "";
      for (let i = 0, v = value; i < length; i++, v >>= 5n) out = alphabet[Number(v & 31n)] + out;
      return out;
    };
    const spec = (nowMs: () => number, bytes: (n: number) => Uint8Array) => {
      const random = () => bytes(10).reduce((v, b) => (v << 8n) | BigInt(b), 0n);
      let lastTime = -1;
      let last = 0n;
      return () => {
        let time = nowMs();
        if (time <= lastTime) {
          time = lastTime;
          last += 1n + (random() >> 16n);
          if (last >= 1n << 80n) {
            time += 1;
            last = random();
          }
        } else last = random();
        lastTime = time;
        return digits(BigInt(time), 10) + digits(last, 16);
      };
    };
    let x = 0x9e3779b9;
    const xorshift = () => (n: number) =>
      Uint8Array.from({ length: n }, () => {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        return x & 0xff;
      });
    // Most ids share a millisecond with the one before; some clocks step back; some random
    // parts start near the top of the 80 bits, so sums carry and roll over.
    let t = 1_700_000_000_000;
    const clock = () => {
      t += [0, 0, 0, 1, -3][Math.abs(x) % 5] as number;
      return t;
    };
    const high = (n: number) => new Uint8Array(n).fill(0xff);
    for (const source of [xorshift, () => high]) {
      const seed = x;
      const ours = createIdGenerator(clock, source());
      const ids = Array.from({ length: 3000 }, () => ours());
      x = seed;
      t = 1_700_000_000_000;
      const theirs = spec(clock, source());
      expect(ids).toEqual(Array.from({ length: 3000 }, () => theirs()));
      t = 1_700_000_000_000;
    }
  });

  it("refuses a clock outside 48 bits", () => {
    expect(() => createIdGenerator(() => -1, counterBytes())()).toThrow(/48-bit/);
  });
});
