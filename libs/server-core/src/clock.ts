/**
 * The one source of "now" for services and checks (provided by ConfigModule). It is the system clock,
 * except in tests of the built processes: there LUODI_FAKE_NOW (NODE_ENV=test only, refused otherwise
 * at boot) sets the instant the clock starts from, and it runs on from there, so no test depends on
 * today's date.
 */
export class Clock {
  private readonly offsetMs: number;

  constructor(fakeNow?: string) {
    this.offsetMs = fakeNow ? Date.parse(fakeNow) - Date.now() : 0;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
