/**
 * Thrown at start-up when options are invalid. The message names the item and the field, e.g.
 * `client "svc": allowedGrantTypes must not be empty`.
 */
export class ConfigurationError extends Error {
  /** Every problem found, one line each, in the order they were found. */
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = [message]) {
    super(message);
    this.name = 'ConfigurationError';
    this.problems = problems;
  }
}

/** A checker bound to one item (`client "svc"`), collecting errors with the item's name. */
export class ItemChecker {
  constructor(
    readonly label: string,
    readonly errors: string[],
  ) {}

  /** Record an error about `field`. */
  fail(field: string, message: string): void {
    this.errors.push(`${this.label}: ${field} ${message}`);
  }

  /** A string field; returns it or undefined, recording an error if it has the wrong type. */
  str(obj: Record<string, unknown>, field: string, required = false): string | undefined {
    const v = obj[field];
    if (v === undefined || v === null) {
      if (required) this.fail(field, 'is required');
      return undefined;
    }
    if (typeof v !== 'string') {
      this.fail(field, 'must be a string');
      return undefined;
    }
    if (required && v.length === 0) this.fail(field, 'must not be empty');
    return v;
  }

  /** A boolean field with a default. */
  bool(obj: Record<string, unknown>, field: string, dflt: boolean): boolean {
    const v = obj[field];
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'boolean') {
      this.fail(field, 'must be true or false');
      return dflt;
    }
    return v;
  }

  /** A positive integer number of seconds with a default. */
  seconds(obj: Record<string, unknown>, field: string, dflt: number, allowZero = false): number {
    return this.integer(obj, field, dflt, 'seconds', allowZero);
  }

  /** A positive (or, with `allowZero`, non-negative) integer with a default; `unit` appears in the message. */
  integer(obj: Record<string, unknown>, field: string, dflt: number, unit: string, allowZero = false): number {
    const v = obj[field];
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || (!allowZero && v === 0)) {
      this.fail(field, `must be a ${allowZero ? 'non-negative' : 'positive'} integer (${unit})`);
      return dflt;
    }
    return v;
  }

  /** An array of strings (default empty). */
  strings(obj: Record<string, unknown>, field: string): string[] {
    const v = obj[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      this.fail(field, 'must be an array of strings');
      return [];
    }
    return v as string[];
  }

  /** An enumeration matched case-insensitively (so Duende's `OneTimeOnly` works). */
  oneOf<T extends string>(obj: Record<string, unknown>, field: string, values: readonly T[], dflt: T): T {
    const v = obj[field];
    if (v === undefined || v === null) return dflt;
    if (typeof v === 'string') {
      const hit = values.find((x) => x.toLowerCase() === v.toLowerCase());
      if (hit) return hit;
    }
    this.fail(field, `must be one of ${values.map((x) => `"${x}"`).join(', ')}`);
    return dflt;
  }
}
